import { Download, Upload, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { type ImportFormat, type ImportReport, importFormats } from '../../../shared/domain/profile';
import { HEADLESS } from '../../../shared/wire';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

async function upload(file: File): Promise<string> {
  if (studio.transport.kind !== 'websocket') throw new Error('Importing a file is available in the browser studio (journey-studio serve) for now.');
  const res = await fetch(`${HEADLESS.uploadPath}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json()) as { ok: boolean; output?: { uploadId: string }; error?: { message: string } };
  if (!body.ok || !body.output) throw new Error(body.error?.message ?? `The upload failed (HTTP ${res.status}).`);
  return body.output.uploadId;
}

function downloadReport(report: ImportReport) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `import-report-${report.file}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const formatNames: Record<ImportFormat, string> = { csv: 'CSV', json: 'JSON array', ndjson: 'NDJSON', xdm: 'Experience Platform XDM export' };
const COMMON_NAMESPACES = ['email', 'ECID', 'crmId', 'phone'];

/** Choose a file, upload it, follow the import's progress, read (and download) its report. */
export function ImportPanel({ onDone }: { onDone(): void }) {
  const [file, setFile] = useState<File>();
  /** Desktop: a file picked in the system dialog, already staged by the core. */
  const [picked, setPicked] = useState<{ uploadId: string; name: string }>();
  const [kind, setKind] = useState<'profiles' | 'events'>('profiles');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [idNamespace, setIdNamespace] = useState('');
  const [namespaces, setNamespaces] = useState<string[]>(COMMON_NAMESPACES);
  const desktop = studio.transport.kind === 'electron' && !!studio.transport.pickFile;

  useEffect(() => {
    studio.api['profiles.stats']({})
      .then((stats) => setNamespaces([...new Set([...COMMON_NAMESPACES, ...stats.namespaces])]))
      .catch(() => {});
  }, []);
  const [report, setReport] = useState<ImportReport>();
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      studio.transport.onEvent((event) => {
        if (event.name !== 'profiles.import.progress') return;
        setReport((current) => (current && current.jobId === event.payload.jobId ? event.payload : current));
        if (event.payload.state !== 'running') {
          setBusy(false);
          onDone();
        }
      }),
    [onDone],
  );

  const pick = async () => {
    try {
      const chosen = await studio.transport.pickFile?.();
      if (chosen) setPicked(chosen);
    } catch (error) {
      showError(error);
    }
  };

  const start = async () => {
    if (!file && !picked) return;
    setBusy(true);
    try {
      const uploadId = picked ? picked.uploadId : await upload(file!);
      setPicked(undefined);
      setReport(
        await studio.api['profiles.import.start']({
          uploadId,
          kind,
          ...(format ? { format } : {}),
          ...(idNamespace && kind === 'profiles' ? { idNamespace } : {}),
        }),
      );
    } catch (error) {
      setBusy(false);
      showError(error);
    }
  };

  const running = report?.state === 'running';
  const percent = report && report.totalBytes ? Math.min(100, Math.round((report.bytesRead / report.totalBytes) * 100)) : 0;
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-form">
        {desktop ? (
          <div className="field-label">
            File (CSV, JSON, NDJSON or XDM export)
            <span className="pick-row">
              <button type="button" className="button" onClick={() => void pick()}>
                Choose file…
              </button>
              <span className="muted">{picked?.name ?? 'No file chosen'}</span>
            </span>
          </div>
        ) : (
          <label className="field-label">
            File (CSV, JSON, NDJSON or XDM export)
            <input type="file" accept=".csv,.json,.ndjson,.jsonl,.tsv" onChange={(e) => setFile(e.target.files?.[0])} aria-label="File to import" />
          </label>
        )}
        <label className="field-label">
          What it holds
          <select className="text-input" value={kind} onChange={(e) => setKind(e.target.value as 'profiles' | 'events')}>
            <option value="profiles">Profiles</option>
            <option value="events">Experience events</option>
          </select>
        </label>
        <label className="field-label">
          Format
          <select className="text-input" value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')} aria-label="Format">
            <option value="">Detect from the file</option>
            {importFormats.map((f) => (
              <option key={f} value={f} disabled={kind === 'events' && (f === 'json' || f === 'xdm')}>
                {formatNames[f]}
              </option>
            ))}
          </select>
        </label>
        {kind === 'profiles' ? (
          <label className="field-label">
            Match profiles by
            <select className="text-input" value={idNamespace} onChange={(e) => setIdNamespace(e.target.value)} aria-label="Match profiles by">
              <option value="">any shared identity</option>
              {namespaces.map((ns) => (
                <option key={ns} value={ns}>
                  {ns} only
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="button button-primary" disabled={(!file && !picked) || busy} onClick={() => void start()}>
          <Upload size={16} /> Import
        </button>
      </div>
      {report ? (
        <div className="import-report" role="status">
          {running ? (
            <>
              <progress max={100} value={percent} aria-label="Import progress" />
              <span>
                {report.rows.toLocaleString()} rows · {report.rowsPerSecond.toLocaleString()} rows/s
              </span>
              <button type="button" className="button" onClick={() => void studio.api['profiles.import.cancel']({ jobId: report.jobId })}>
                <X size={16} /> Cancel
              </button>
            </>
          ) : (
            <>
              <p className="import-summary">
                <strong>{report.file}</strong>: {report.state === 'done' ? 'imported' : report.state}. {report.imported.toLocaleString()} new,{' '}
                {report.updated.toLocaleString()} updated, {report.rejected.toLocaleString()} rejected.
              </p>
              {report.error ? <p className="inline-error">{report.error}</p> : null}
              {report.rejections.length ? (
                <table className="table" aria-label="Rejected rows">
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Field</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rejections.slice(0, 50).map((r) => (
                      <tr key={`${r.line}-${r.field}`}>
                        <td>{r.line}</td>
                        <td>
                          <code>{r.field}</code>
                        </td>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <button type="button" className="button" onClick={() => downloadReport(report)}>
                <Download size={16} /> Download report
              </button>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
