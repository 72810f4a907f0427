import Editor from '@monaco-editor/react';
import { useEffect, useMemo, useState } from 'react';
import type { MessageContent } from '../../../shared/domain/message';
import { type RawDocument, absorbRaw } from '../../../shared/render/absorb';
import { APNS_PAYLOAD_LIMIT, FCM_MESSAGE_LIMIT, type RenderContext, type RenderedMessage } from '../../../shared/render/render-message';
import { RAW_MODEL_URI } from './monaco-setup';

interface Props {
  rendered: RenderedMessage;
  content: MessageContent;
  context: RenderContext;
  dark: boolean;
  onApply(content: MessageContent): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The exact APNs request and FCM message for the profile shown; "Edit raw" for experts. */
export default function PayloadPanel({ rendered, content, context, dark, onApply }: Props) {
  const text = useMemo(() => JSON.stringify({ apns: rendered.apns, fcm: { message: rendered.fcm } }, null, 2), [rendered]);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!editing) setDraft(text);
  }, [text, editing]);

  const apply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}. Fix it or press Cancel.`);
      return;
    }
    if (!isObject(parsed) || !isObject(parsed.apns) || !isObject(parsed.apns.headers) || !isObject(parsed.apns.payload) || !isObject(parsed.fcm) || !isObject(parsed.fcm.message)) {
      setError('Keep the shape {"apns": {"headers": {…}, "payload": {…}}, "fcm": {"message": {…}}}.');
      return;
    }
    if (Object.values(parsed.apns.headers).some((v) => typeof v !== 'string')) {
      setError('APNs header values are text: put them in quotes.');
      return;
    }
    onApply(absorbRaw(content, context, parsed as unknown as RawDocument));
    setError(undefined);
    setEditing(false);
  };

  const raw = content.raw;
  const hasRaw = Boolean(raw.apnsHeaders || raw.apnsPayload || raw.fcm);
  return (
    <div className="payload-panel">
      <div className="payload-bar">
        <Bytes label="APNs payload" bytes={rendered.bytes.apns} limit={APNS_PAYLOAD_LIMIT} />
        <Bytes label="FCM message" bytes={rendered.bytes.fcm} limit={FCM_MESSAGE_LIMIT} />
        <span className="spacer" />
        {editing ? (
          <>
            <button type="button" className="button" onClick={() => { setEditing(false); setError(undefined); }}>
              Cancel
            </button>
            <button type="button" className="button button-primary" onClick={apply}>
              Apply raw edit
            </button>
          </>
        ) : (
          <>
            {hasRaw ? (
              <button type="button" className="button" onClick={() => onApply({ ...content, raw: {} })} title="Remove every raw override">
                Clear raw overrides
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit raw
            </button>
          </>
        )}
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {hasRaw && !editing ? <p className="field-hint">Raw overrides are applied on top of the form: {Object.keys(raw).join(', ')}.</p> : null}
      <div className="payload-editor" data-testid="payload-editor">
        <Editor
          height="100%"
          language="json"
          path={RAW_MODEL_URI}
          theme={dark ? 'vs-dark' : 'vs'}
          value={editing ? draft : text}
          onChange={(v) => setDraft(v ?? '')}
          options={{ readOnly: !editing, minimap: { enabled: false }, fontSize: 12, scrollBeyondLastLine: false, wordWrap: 'on', tabSize: 2, automaticLayout: true, ariaLabel: editing ? 'Raw payload (editable)' : 'Payload (read only)' }}
        />
      </div>
    </div>
  );
}

function Bytes({ label, bytes, limit }: { label: string; bytes: number; limit: number }) {
  const over = bytes > limit;
  return (
    <span className={`bytes${over ? ' is-over' : ''}`} title={`${label}: ${bytes} of ${limit} bytes`}>
      {label} <strong>{bytes}</strong> / {limit} bytes
      <span className="bytes-meter" aria-hidden="true">
        <span style={{ width: `${Math.min(100, (bytes / limit) * 100)}%` }} />
      </span>
    </span>
  );
}
