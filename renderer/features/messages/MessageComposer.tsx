import { AlertCircle, AlertTriangle, ArrowLeft, Check, Info, Loader2, Plus, Search, Trash2, UserRound } from 'lucide-react';
import { Suspense, lazy, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { channelAppIds } from '../../../shared/domain/channel';
import type { ActionButton, MessageContent, TapAction } from '../../../shared/domain/message';
import type { ProfileRow } from '../../../shared/domain/profile';
import { messageContentSchema } from '../../../shared/domain/message';
import { type RenderChannel, type RenderContext, renderMessage } from '../../../shared/render/render-message';
import { parseSample } from '../../../shared/render/sample';
import { studio } from '../../api/instance';
import { useChannels } from '../../store/channels';
import { useMessages } from '../../store/messages';
import { useNavigation } from '../../store/navigation';
import { showError } from '../../store/toasts';
import { type Sample, knownPaths, profileLabel, scopeOf, useSamples } from '../../store/samples';
import { DevicePreview, type PreviewSettings } from '../preview/DevicePreview';
import { canvasMeasure } from '../preview/measure';
import { TemplateField } from './TemplateField';
import { TestSendDialog } from '../delivery/TestSendDialog';
import './messages.css';
import '../preview/preview.css';

const PayloadPanel = lazy(() => import('./PayloadPanel'));

// Fixed for the whole session so the preview and the payload do not change while nothing is typed.
const SESSION_NOW = new Date();

export function MessageComposer({ id }: { id: string }) {
  const go = useNavigation((s) => s.go);
  const message = useMessages((s) => s.items.find((m) => m.id === id));
  const { edit, editContent, save, saveError, flush, load } = useMessages();
  const channels = useChannels((s) => s.items);
  const samples = useSamples();
  const [tab, setTab] = useState<'preview' | 'payload'>('preview');
  const [testing, setTesting] = useState(false);
  const [settings, setSettings] = useState<PreviewSettings>({ platform: 'ios', iosState: 'lock', androidState: 'collapsed', appearance: 'light', timestamp: 'now' });
  const [assetSrc, setAssetSrc] = useState<string>();
  const [fields, setFields] = useState<string[]>([]);
  const [payloadFor, setPayloadFor] = useState(0);

  useEffect(() => {
    void useChannels.getState().refresh();
    void useSamples.getState().refreshProfiles();
    // Attribute paths seen in the workspace's profiles and events, for the picker and autocomplete.
    studio.api['messages.fields']({}).then(
      (f) => setFields([...f.profile, ...f.event]),
      () => setFields([]),
    );
    // Opened straight from an address (reload, back): the library is not loaded yet.
    if (useMessages.getState().load !== 'ready') void useMessages.getState().refresh();
    return () => void flush();
  }, [flush]);

  const content = message?.content;
  const image = content?.image;
  useEffect(() => {
    if (image?.source !== 'asset' || !image.assetName) return setAssetSrc(undefined);
    let live = true;
    studio.api['assets.get']({ name: image.assetName }).then(
      ({ asset, contentBase64 }) => live && setAssetSrc(`data:${asset.mediaType};base64,${contentBase64}`),
      () => live && setAssetSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [image?.source, image?.assetName]);

  const channel = channels.find((c) => c.id === message?.channelId);
  const renderChannel: RenderChannel | null = channel
    ? { id: channel.id, name: channel.name, ...(channel.ios ? { ios: { bundleId: channel.ios.bundleId } } : {}), ...(channel.android ? { android: { projectId: channel.android.projectId } } : {}) }
    : null;
  const shown = samples.samples.filter((s) => samples.shown.includes(s.id));
  const contexts = useMemo(() => {
    // No assetUrl: a workspace image has no address a phone can fetch, so the payload says asset:NAME
    // and a lint says what to do; the preview shows the file itself (imageSrc).
    const base: RenderContext = { channel: renderChannel, now: SESSION_NOW, measure: canvasMeasure };
    return shown.length === 0
      ? [{ label: 'No profile', context: base }]
      : shown.map((s) => {
          const token = fcmTokenOf(s, channel ? channelAppIds(channel).fcm : undefined);
          return { label: s.name, context: { ...base, ...scopeOf(s), ...(token ? { fcmToken: token } : {}) } };
        });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [renderChannel?.id, channel?.ios?.bundleId, channel?.android?.packageName, shown.map((s) => s.id + s.json + (s.registrations?.length ?? '')).join('|')]);
  const paths = useMemo(() => [...new Set([...knownPaths(samples.samples), ...fields])].sort(), [samples.samples, fields]);
  const selected = Math.min(payloadFor, contexts.length - 1);
  const primary = contexts[selected]!.context;
  const rendered = useMemo(() => (content ? renderMessage(content, primary) : undefined), [content, primary]);
  const deferred = useDeferredValue(rendered);

  if (!message || !content || !rendered) {
    if (load !== 'ready' && load !== 'failed') return <section className="page" aria-busy="true" />;
    return (
      <section className="page">
        <button type="button" className="button button-link back-link" onClick={() => go({ section: 'messages' })}>
          <ArrowLeft size={15} /> Messages
        </button>
        <p>That message no longer exists. It may have been deleted in another window.</p>
      </section>
    );
  }

  const set = (patch: Partial<MessageContent>) => editContent(id, patch);
  const fieldLint = (field: string) => rendered.lints.find((l) => l.field === field && l.severity !== 'info')?.message;
  const imageSrc = rendered.texts.imageUrl ? (image?.source === 'asset' ? assetSrc : rendered.texts.imageUrl) : undefined;

  return (
    <section className="page composer-page" aria-labelledby="message-title">
      <header className="page-header">
        <div>
          <button type="button" className="button button-link back-link" onClick={() => go({ section: 'messages' })}>
            <ArrowLeft size={15} /> Messages
          </button>
          <h1 id="message-title">{message.name}</h1>
        </div>
        <div className="header-actions">
          <SaveBadge state={save} error={saveError} onRetry={() => void flush()} />
          <button type="button" className="button" onClick={() => setTesting(true)}>
            Test send…
          </button>
        </div>
      </header>
      {testing ? <TestSendDialog messageId={id} flush={flush} onClose={() => setTesting(false)} /> : null}
      <div className="composer">
        <form className="composer-form" aria-label="Message" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="msg-channel">Channel (app)</label>
            <select id="msg-channel" value={message.channelId ?? ''} onChange={(e) => edit(id, { channelId: e.target.value || null })}>
              <option value="">Choose the app this message is for…</option>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <TemplateField label="Title" value={content.title} onChange={(title) => set({ title })} paths={paths} error={fieldLint('title')} />
          <TemplateField label="Subtitle (iOS)" value={content.subtitle} onChange={(subtitle) => set({ subtitle })} paths={paths} />
          <TemplateField label="Body" value={content.body} onChange={(body) => set({ body })} paths={paths} multiline error={fieldLint('body')} />
          <label className="check">
            <input type="checkbox" checked={content.background} onChange={(e) => set({ background: e.target.checked })} /> Silent / background push (content-available)
          </label>

          <fieldset>
            <legend>Image</legend>
            <ImageFields content={content} set={set} error={fieldLint('image')} />
          </fieldset>

          <fieldset>
            <legend>When tapped</legend>
            <TapActionFields value={content.tapAction} onChange={(tapAction) => set({ tapAction })} label="Tap action" />
          </fieldset>

          <fieldset>
            <legend>Android buttons</legend>
            <Buttons buttons={content.androidButtons} onChange={(androidButtons) => set({ androidButtons })} max={3} what="Android button" />
            {fieldLint('androidButtons') ? <p className="field-error">{fieldLint('androidButtons')}</p> : null}
          </fieldset>

          <fieldset>
            <legend>iOS category and buttons</legend>
            <div className="field">
              <label htmlFor="msg-category">Category id (registered by the app)</label>
              <input id="msg-category" value={content.iosCategory.id} onChange={(e) => set({ iosCategory: { ...content.iosCategory, id: e.target.value } })} />
            </div>
            <Buttons buttons={content.iosCategory.buttons} onChange={(buttons) => set({ iosCategory: { ...content.iosCategory, buttons } })} max={4} what="iOS button" />
          </fieldset>

          <fieldset>
            <legend>Delivery</legend>
            <div className="field-grid">
              <Text label="Sound" value={content.sound} onChange={(sound) => set({ sound })} hint="default, a file name, or empty for silent" />
              <Num label="Badge" value={content.badge} onChange={(badge) => set({ badge })} min={0} />
              <Select label="Priority" value={content.priority} options={[['high', 'High (now)'], ['normal', 'Normal (saves battery)']]} onChange={(priority) => set({ priority: priority as 'high' | 'normal' })} />
              <Num label="Time to live (seconds)" value={content.ttlSeconds} onChange={(ttlSeconds) => set({ ttlSeconds })} min={0} />
              <Text label="Collapse id / key" value={content.collapseId} onChange={(collapseId) => set({ collapseId })} />
              <Text label="Thread id (iOS group)" value={content.threadId} onChange={(threadId) => set({ threadId })} />
              <Select label="Interruption level (iOS)" value={content.interruptionLevel ?? ''} options={[['', 'Default (active)'], ['passive', 'Passive'], ['active', 'Active'], ['time-sensitive', 'Time sensitive'], ['critical', 'Critical']]} onChange={(v) => set({ interruptionLevel: (v || null) as MessageContent['interruptionLevel'] })} />
              <Num label="Relevance score (iOS, 0–1)" value={content.relevanceScore} onChange={(relevanceScore) => set({ relevanceScore: relevanceScore === null ? null : Math.min(1, Math.max(0, relevanceScore)) })} step={0.1} min={0} />
              <Text label="Android channel id" value={content.androidChannelId} onChange={(androidChannelId) => set({ androidChannelId })} />
              <Select label="Android lock screen visibility" value={content.androidVisibility ?? ''} options={[['', 'Default'], ['private', 'Private'], ['public', 'Public'], ['secret', 'Secret']]} onChange={(v) => set({ androidVisibility: (v || null) as MessageContent['androidVisibility'] })} />
              <div className="field">
                <label htmlFor="msg-accent">Android accent colour</label>
                <div className="color-row">
                  <input id="msg-accent" value={content.accentColor} placeholder="#RRGGBB" onChange={(e) => set({ accentColor: e.target.value })} />
                  <input type="color" aria-label="Pick the accent colour" value={/^#[0-9a-fA-F]{6}$/.test(content.accentColor) ? content.accentColor : '#3b5bdb'} onChange={(e) => set({ accentColor: e.target.value })} />
                </div>
              </div>
              <Text label="Analytics label (FCM)" value={content.analyticsLabel} onChange={(analyticsLabel) => set({ analyticsLabel })} />
            </div>
          </fieldset>

          <fieldset>
            <legend>Custom data</legend>
            <DataRows content={content} set={set} error={fieldLint('data')} />
          </fieldset>

          <fieldset>
            <legend>Per-platform text</legend>
            <p className="field-hint">Leave empty to use the common title, body and sound.</p>
            <div className="field-grid">
              <TemplateField label="iOS title" value={content.ios.title ?? ''} onChange={(v) => set({ ios: { ...content.ios, title: v || undefined } })} paths={paths} />
              <TemplateField label="Android title" value={content.android.title ?? ''} onChange={(v) => set({ android: { ...content.android, title: v || undefined } })} paths={paths} />
              <TemplateField label="iOS body" value={content.ios.body ?? ''} onChange={(v) => set({ ios: { ...content.ios, body: v || undefined } })} paths={paths} multiline />
              <TemplateField label="Android body" value={content.android.body ?? ''} onChange={(v) => set({ android: { ...content.android, body: v || undefined } })} paths={paths} multiline />
            </div>
          </fieldset>
        </form>

        <div className="composer-side">
          <Lints lints={rendered.lints} />
          <PreviewAs />
          {contexts.length > 1 ? (
            <div className="field payload-for">
              <label htmlFor="payload-for">Problems and payload for</label>
              <select id="payload-for" value={selected} onChange={(e) => setPayloadFor(Number(e.target.value))}>
                {contexts.map((c, i) => (
                  <option key={i} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="tabs" role="tablist" aria-label="Preview or payload">
            <button type="button" role="tab" aria-selected={tab === 'preview'} onClick={() => setTab('preview')}>
              Preview
            </button>
            <button type="button" role="tab" aria-selected={tab === 'payload'} onClick={() => setTab('payload')}>
              Payload
            </button>
          </div>
          {tab === 'preview' ? (
            <DevicePreview content={content} contexts={contexts} appName={channel?.name ?? 'Your app'} imageSrc={imageSrc} settings={settings} onSettings={setSettings} />
          ) : (
            <Suspense fallback={<p className="hint">Loading the payload editor…</p>}>
              <PayloadPanel rendered={deferred ?? rendered} content={content} context={primary} dark={document.documentElement.dataset.theme === 'dark' || (document.documentElement.dataset.theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)} onApply={(next) => edit(id, { content: messageContentSchema.parse(next) })} />
            </Suspense>
          )}
        </div>
      </div>
    </section>
  );
}

function SaveBadge({ state, error, onRetry }: { state: string; error?: string; onRetry(): void }) {
  if (state === 'failed') {
    return (
      <div className="save-state is-failed" role="alert">
        <AlertCircle size={14} /> Not saved: {error}{' '}
        <button type="button" className="button button-link" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="save-state" role="status" aria-live="polite">
      {state === 'saved' ? <Check size={14} /> : <Loader2 size={14} className="spin" />} {state === 'saved' ? 'Saved' : 'Saving…'}
    </div>
  );
}

function Lints({ lints }: { lints: ReturnType<typeof renderMessage>['lints'] }) {
  if (lints.length === 0) return <p className="lints-ok"><Check size={14} /> Ready to send: no problems found.</p>;
  return (
    <ul className="lints" aria-label="Problems">
      {lints.map((l, i) => (
        <li key={i} className={`lint lint-${l.severity}`} data-code={l.code}>
          {l.severity === 'error' ? <AlertCircle size={14} /> : l.severity === 'warning' ? <AlertTriangle size={14} /> : <Info size={14} />}
          <span>{l.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The FCM token the sender would use for a picked profile: its first valid Android device of the app. */
function fcmTokenOf(sample: Sample, appId: string | undefined): string | undefined {
  if (!appId) return undefined;
  return sample.registrations?.find((r) => r.platform === 'fcm' && r.status === 'valid' && r.appId === appId)?.token;
}

const eventLabel = (e: { type: string; timestamp: string }) => `${e.type} · ${e.timestamp.slice(0, 16).replace('T', ' ')}`;

function PreviewAs() {
  const { samples, shown, add, addProfile, remove, toggle, setEvent } = useSamples();
  const [adding, setAdding] = useState(false);
  const [json, setJson] = useState('');
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; items: ProfileRow[]; error?: string }>();
  const parsed = json.trim() ? parseSample(json) : undefined;
  const error = parsed && 'error' in parsed ? parsed.error : undefined;

  // Search the workspace's profiles by identity, as the Profiles section does (a short pause after typing).
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(undefined);
    let live = true;
    const timer = setTimeout(() => {
      studio.api['profiles.page']({ filter: { search: q }, limit: 6, withTotal: false }).then(
        (page) => live && setFound({ query: q, items: page.items }),
        (e: unknown) => live && setFound({ query: q, items: [], error: e instanceof Error ? e.message : String(e) }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const shownSamples = samples.filter((s) => shown.includes(s.id));
  const shownProfiles = shownSamples.filter((s) => s.profileId);
  return (
    <details className="preview-as" open>
      <summary>Preview as {shownSamples.length ? shownSamples.map((s) => s.name).join(', ') : 'no profile (defaults show)'}</summary>
      <div className="profile-search">
        <label className="search">
          <Search size={14} aria-hidden="true" />
          <input type="search" aria-label="Find a profile" placeholder="Find a profile by email, ECID, phone, CRM id or #" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {found ? (
          <ul className="profile-results" aria-label="Profiles found">
            {found.items.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  onClick={() => {
                    void addProfile(row);
                    setQuery('');
                  }}
                >
                  <UserRound size={14} aria-hidden="true" />
                  <span className="profile-result-name">{profileLabel(row)}</span>
                  <span className="muted">
                    {row.primaryIdentity && row.primaryIdentity.value !== profileLabel(row) ? `${row.primaryIdentity.value} · ` : ''}#{row.id} · {row.validDevices} {row.validDevices === 1 ? 'device' : 'devices'}
                  </span>
                </button>
              </li>
            ))}
            {found.items.length === 0 ? <li className="hint">{found.error ?? `No profile matches “${found.query}”. Import profiles in the Profiles section, or paste sample JSON.`}</li> : null}
          </ul>
        ) : null}
      </div>
      <div className="sample-chips" role="group" aria-label="Sample profiles">
        {samples.map((s) => (
          <span key={s.id} className={`chip${shown.includes(s.id) ? ' is-on' : ''}${s.error ? ' is-broken' : ''}`} title={s.error}>
            <label>
              <input type="checkbox" checked={shown.includes(s.id)} onChange={() => toggle(s.id)} />
              {s.profileId ? <UserRound size={13} aria-label="Profile from the workspace" /> : null} {s.name}
              {s.loading ? <Loader2 size={12} className="spin" aria-label="Reading the profile" /> : null}
            </label>
            <button type="button" className="icon-button small" aria-label={`Remove sample ${s.name}`} onClick={() => remove(s.id)}>
              <Trash2 size={12} />
            </button>
          </span>
        ))}
        <button type="button" className="button button-link" onClick={() => setAdding((a) => !a)}>
          <Plus size={14} /> Paste sample JSON
        </button>
      </div>
      {shownProfiles.map((s) =>
        s.error ? (
          <p key={s.id} className="field-error" role="alert">
            {s.name}: {s.error} The preview shows the defaults for it.
          </p>
        ) : (
          <div key={s.id} className="field entry-event">
            <label htmlFor={`event-${s.id}`}>Entry event for {s.name}</label>
            <select id={`event-${s.id}`} value={s.eventId ?? ''} onChange={(e) => setEvent(s.id, e.target.value ? Number(e.target.value) : null)}>
              <option value="">None (event fields show their defaults)</option>
              {(s.events ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {eventLabel(e)}
                </option>
              ))}
            </select>
          </div>
        ),
      )}
      <p className="field-hint">Up to three profiles side by side: profiles of this workspace (with one of their recent events as the journey's entry event), or sample JSON.</p>
      {adding ? (
        <div className="sample-form">
          <div className="field">
            <label htmlFor="sample-name">Sample name</label>
            <input id="sample-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ada (gold tier)" />
          </div>
          <div className="field">
            <label htmlFor="sample-json">Profile JSON</label>
            <textarea id="sample-json" rows={5} value={json} onChange={(e) => setJson(e.target.value)} placeholder='{"person": {"firstName": "Ada"}, "loyalty": {"points": 1200}}' aria-invalid={error ? true : undefined} />
            {error ? <p className="field-error" role="alert">{error}</p> : <p className="field-hint">A profile's attributes, or {'{"profile": {…}, "event": {…}}'}.</p>}
          </div>
          <button
            type="button"
            className="button button-primary"
            disabled={!parsed || Boolean(error)}
            onClick={() => {
              add(name.trim() || `Sample ${samples.length + 1}`, json);
              setJson('');
              setName('');
              setAdding(false);
            }}
          >
            Add sample
          </button>
        </div>
      ) : null}
    </details>
  );
}

function Text({ label, value, onChange, hint }: { label: string; value: string; onChange(v: string): void; hint?: string }) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

function Num({ label, value, onChange, min, step }: { label: string; value: number | null; onChange(v: number | null): void; min?: number; step?: number }) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        step={step ?? 1}
        value={value ?? ''}
        placeholder="none"
        onChange={(e) => {
          const n = e.target.value === '' ? null : Number(e.target.value);
          onChange(n === null || Number.isNaN(n) ? null : step ? n : Math.max(min ?? 0, Math.round(n)));
        }}
      />
    </div>
  );
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange(v: string): void }) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function TapActionFields({ value, onChange, label }: { value: TapAction; onChange(v: TapAction): void; label: string }) {
  return (
    <div className="field-grid">
      <Select label={label} value={value.kind} options={[['openApp', 'Open the app'], ['deepLink', 'Open a deep link'], ['webUrl', 'Open a web page']]} onChange={(kind) => onChange({ ...value, kind: kind as TapAction['kind'] })} />
      {value.kind !== 'openApp' ? <Text label={`${label} URL`} value={value.url} onChange={(url) => onChange({ ...value, url })} /> : null}
    </div>
  );
}

function Buttons({ buttons, onChange, max, what }: { buttons: ActionButton[]; onChange(b: ActionButton[]): void; max: number; what: string }) {
  return (
    <div className="button-rows">
      {buttons.map((b, i) => (
        <div key={i} className="button-row">
          <Text label={`${what} ${i + 1} label`} value={b.label} onChange={(label) => onChange(buttons.map((x, j) => (j === i ? { ...x, label } : x)))} />
          <Text label={`${what} ${i + 1} id`} value={b.id} onChange={(bid) => onChange(buttons.map((x, j) => (j === i ? { ...x, id: bid } : x)))} />
          <TapActionFields label={`${what} ${i + 1} action`} value={b.action} onChange={(action) => onChange(buttons.map((x, j) => (j === i ? { ...x, action } : x)))} />
          <button type="button" className="icon-button danger" aria-label={`Remove ${what} ${i + 1}`} onClick={() => onChange(buttons.filter((_, j) => j !== i))}>
            <Trash2 size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => onChange([...buttons, { id: '', label: '', action: { kind: 'openApp', url: '' } }])}>
        <Plus size={14} /> Add {what.toLowerCase()} {buttons.length >= max ? `(only ${max} show)` : ''}
      </button>
    </div>
  );
}

function ImageFields({ content, set, error }: { content: MessageContent; set(p: Partial<MessageContent>): void; error?: string }) {
  const image = content.image;
  const [assets, setAssets] = useState<{ name: string }[]>([]);
  useEffect(() => {
    if (image?.source === 'asset') void studio.api['assets.list']({}).then(setAssets, () => setAssets([]));
  }, [image?.source]);
  const upload = async (file: File) => {
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    try {
      const asset = await studio.api['assets.add']({ name: file.name.replace(/[^A-Za-z0-9 ._()-]/g, '_'), contentBase64: btoa(binary) });
      setAssets((a) => [...a.filter((x) => x.name !== asset.name), asset]);
      set({ image: { source: 'asset', url: '', assetName: asset.name, placement: image?.placement ?? 'expanded' } });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Select
        label="Image source"
        value={image?.source ?? ''}
        options={[['', 'No image'], ['url', 'From a URL'], ['asset', 'From the workspace assets']]}
        onChange={(v) => set({ image: v ? { source: v as 'url' | 'asset', url: image?.url ?? '', assetName: image?.assetName ?? '', placement: image?.placement ?? 'expanded' } : null })}
      />
      {image?.source === 'url' ? <Text label="Image URL" value={image.url} onChange={(url) => set({ image: { ...image, url } })} hint="https, 2:1 works on both platforms (at least 600×300), at most 1 MB" /> : null}
      {image?.source === 'asset' ? (
        <div className="field-grid">
          <Select label="Workspace image" value={image.assetName} options={[['', 'Choose…'], ...assets.map((a) => [a.name, a.name] as [string, string])]} onChange={(assetName) => set({ image: { ...image, assetName } })} />
          <div className="field">
            <label htmlFor="asset-upload">Add an image</label>
            <input id="asset-upload" type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
          </div>
        </div>
      ) : null}
      {image?.source === 'asset' ? (
        <div className="asset-note" role="note">
          <Info size={14} aria-hidden="true" />
          <p>
            <strong>Phones download the image from a web address; they cannot reach this workspace.</strong> The preview shows the file, but the payload carries{' '}
            <code>asset:{image.assetName || 'NAME'}</code>, which no phone can open. Before sending: upload the file to your website or CDN (https, at most 1 MB), choose{' '}
            <em>From a URL</em> above and paste its address.
          </p>
        </div>
      ) : null}
      {image ? (
        <>
          <Select label="Placement" value={image.placement} options={[['expanded', 'Large when expanded (BigPicture)'], ['thumbnail', 'Thumbnail beside the text']]} onChange={(placement) => set({ image: { ...image, placement: placement as 'thumbnail' | 'expanded' } })} />
          <p className="field-hint">
            Placement changes the preview only. Neither APNs nor FCM has a field for it: iOS shows an image as a thumbnail and full width when expanded, and Android (FCM) as a
            large icon and a BigPicture when expanded. An app that wants the thumbnail only must draw the notification itself (an iOS content extension, or an Android data
            message); add a custom data key for it below if your app reads one.
          </p>
        </>
      ) : null}
      {image ? (
        <label className="check">
          <input type="checkbox" checked={content.mutableContent ?? true} onChange={(e) => set({ mutableContent: e.target.checked ? null : false })} /> mutable-content (lets the iOS app download the image)
        </label>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </>
  );
}

function DataRows({ content, set, error }: { content: MessageContent; set(p: Partial<MessageContent>): void; error?: string }) {
  const rows = content.data;
  return (
    <div className="button-rows">
      {rows.map((row, i) => (
        <div key={i} className="data-row">
          <input aria-label={`Key ${i + 1}`} placeholder="key" value={row.key} onChange={(e) => set({ data: rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)) })} />
          <input aria-label={`Value ${i + 1}`} placeholder="value" value={row.value === null ? 'null' : String(row.value)} onChange={(e) => set({ data: rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)) })} />
          {typeof row.value !== 'string' ? (
            <button type="button" className="button button-link" onClick={() => set({ data: rows.map((r, j) => (j === i ? { ...r, value: String(r.value) } : r)) })}>
              Make text
            </button>
          ) : null}
          <button type="button" className="icon-button danger" aria-label={`Remove data row ${i + 1}`} onClick={() => set({ data: rows.filter((_, j) => j !== i) })}>
            <Trash2 size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => set({ data: [...rows, { key: '', value: '' }] })}>
        <Plus size={14} /> Add data
      </button>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
