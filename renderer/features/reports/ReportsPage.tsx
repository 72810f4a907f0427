import { Download } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { JourneySummary } from '../../../shared/domain/journey';
import type { ExportRequest, Measures, Report } from '../../../shared/domain/report';
import { exclusionLabel, originLabel, percent, platformLabel, seriesLabel } from '../../../shared/report-format';
import { HEADLESS } from '../../../shared/wire';
import { findPreloadBridge } from '../../api/electron-transport';
import { studio } from '../../api/instance';
import { showError, useToasts } from '../../store/toasts';
import './reports.css';

const periods = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'All time' } as const;
type Period = keyof typeof periods;
const periodQuery = (period: Period): { from?: string } => {
  const hours = { '24h': 24, '7d': 168, '30d': 720, all: 0 }[period];
  return hours ? { from: new Date(Date.now() - hours * 3_600_000).toISOString() } : {};
};
const fmt = (n: number) => n.toLocaleString();

/** Downloads an export: the desktop's save dialog, or the headless host's streamed download. */
async function download(request: ExportRequest): Promise<void> {
  const bridge = findPreloadBridge();
  if (bridge?.saveExport) {
    const envelope = (await bridge.saveExport(request)) as { ok: boolean; error?: { message: string } };
    if (!envelope.ok) throw new Error(envelope.error?.message ?? 'The export failed.');
    return;
  }
  const params = new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined) as [string, string][]);
  const a = document.createElement('a');
  a.href = `${HEADLESS.downloadPath}?${params}`;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Delivered and failed stacked per bucket, opens as a line: an SVG the PDF draws the same way. */
function TimeChart({ report }: { report: Report }) {
  const series = report.series;
  const w = 720;
  const h = 220;
  const left = 44;
  const top = 10;
  const plotW = w - left - 8;
  const plotH = h - top - 28;
  const raw = Math.max(1, ...series.map((p) => Math.max(p.delivered + p.failed, p.opens)));
  const p10 = 10 ** Math.floor(Math.log10(raw));
  const max = [1, 2, 2.5, 5, 10].map((s) => s * p10).find((v) => v >= raw) ?? raw;
  const slot = plotW / Math.max(1, series.length);
  const barW = Math.max(1, Math.min(24, slot * 0.7));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(series.length / 8));
  return (
    <figure className="chart" aria-label="Deliveries and opens over time">
      <div className="legend">
        <span className="key key-delivered" /> Delivered <span className="key key-failed" /> Failed <span className="key key-opens line" /> Opens
      </div>
      <svg viewBox={`0 0 ${w} ${h}`} role="img">
        {[0, 1, 2, 3, 4].map((i) => (
          <g key={i}>
            <line className="grid" x1={left} x2={left + plotW} y1={y((max * i) / 4)} y2={y((max * i) / 4)} />
            <text className="tick" x={left - 6} y={y((max * i) / 4) + 4} textAnchor="end">
              {fmt((max * i) / 4)}
            </text>
          </g>
        ))}
        {series.map((p, i) => {
          const cx = left + slot * i + slot / 2;
          return (
            <g key={p.t}>
              <rect className="bar-delivered" x={cx - barW / 2} y={y(p.delivered)} width={barW} height={top + plotH - y(p.delivered)}>
                <title>{`${seriesLabel(p.t, report.bucket)}: ${fmt(p.delivered)} delivered, ${fmt(p.failed)} failed, ${fmt(p.opens)} opens`}</title>
              </rect>
              <rect className="bar-failed" x={cx - barW / 2} y={y(p.delivered + p.failed)} width={barW} height={y(p.delivered) - y(p.delivered + p.failed)} />
              {i % every === 0 && (
                <text className="tick" x={cx} y={h - 8} textAnchor="middle">
                  {seriesLabel(p.t, report.bucket)}
                </text>
              )}
            </g>
          );
        })}
        {series.length > 0 && <polyline className="line-opens" points={series.map((p, i) => `${left + slot * i + slot / 2},${y(p.opens)}`).join(' ')} />}
        {series.length === 0 && (
          <text className="tick" x={left + plotW / 2} y={top + plotH / 2} textAnchor="middle">
            Nothing sent in this period
          </text>
        )}
      </svg>
    </figure>
  );
}

function PlatformBars({ report }: { report: Report }) {
  const max = Math.max(1, ...report.byPlatform.map((r) => Math.max(r.measures.delivered, r.measures.failed, r.measures.uniqueOpens)));
  return (
    <figure className="chart platforms" aria-label="By platform">
      <div className="legend">
        <span className="key key-delivered" /> Delivered <span className="key key-failed" /> Failed <span className="key key-opens" /> Unique opens
      </div>
      {report.byPlatform.map((r) => (
        <div className="platform-row" key={r.platform}>
          <span className="platform-name">{platformLabel(r.platform)}</span>
          <div className="platform-bars">
            {(['delivered', 'failed', 'uniqueOpens'] as const).map((k) => (
              <div key={k} className="hbar-line">
                <span className={`hbar hbar-${k}`} style={{ width: `${(r.measures[k] / max) * 100}%` }} />
                <span className="hbar-value">{fmt(r.measures[k])}</span>
              </div>
            ))}
          </div>
        </div>
      ))}
      {report.byPlatform.length === 0 && <p className="muted">No pushes in this period.</p>}
    </figure>
  );
}

const columns: [keyof Measures, string][] = [
  ['targeted', 'Targeted'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['excluded', 'Excluded'],
  ['invalidTokens', 'Invalid tokens'],
  ['opens', 'Opens'],
  ['uniqueOpens', 'Unique opens'],
  ['openRate', 'Open rate'],
  ['actions', 'Action taps'],
];

function MeasuresTable({ title, rows }: { title: string; rows: { key: string; name: string; measures: Measures; sub?: boolean }[] }) {
  if (!rows.length) return null;
  return (
    <section className="report-block">
      <h2>{title}</h2>
      <div className="table-scroll">
        <table className="report-table">
          <thead>
            <tr>
              <th />
              {columns.map(([, label]) => (
                <th key={label}>{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.sub ? 'sub' : undefined} data-testid={`row-${r.key}`}>
                <th scope="row">{r.name}</th>
                {columns.map(([k]) => (
                  <td key={k} data-measure={k}>
                    {k === 'openRate' ? percent(r.measures[k]) : fmt(r.measures[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Reports: a journey's report or the push report, for a period, with charts, tables and exports. */
export function ReportsPage() {
  const [journeys, setJourneys] = useState<JourneySummary[]>([]);
  const [journeyId, setJourneyId] = useState('');
  const [period, setPeriod] = useState<Period>('7d');
  const [report, setReport] = useState<Report>();

  const load = useCallback(async () => {
    try {
      setReport(await studio.api['reports.get']({ ...(journeyId ? { journeyId } : {}), ...periodQuery(period) }));
    } catch (error) {
      showError(error);
    }
  }, [journeyId, period]);

  useEffect(() => {
    void studio.api['journeys.list']({}).then((list) => setJourneys(list as JourneySummary[]), showError);
  }, []);
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = studio.transport.onEvent((event) => {
      if (event.name !== 'delivery.logged' && event.name !== 'tracking.recorded' && event.name !== 'engine.changed') return;
      timer ??= setTimeout(() => {
        timer = undefined;
        void load();
      }, 500);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const exportAs = async (what: ExportRequest['what'], format: ExportRequest['format']) => {
    try {
      await download({ what, format, ...(journeyId ? { journeyId } : {}), ...periodQuery(period) });
      useToasts.getState().show({ tone: 'info', message: `Exporting the ${what === 'log' ? 'delivery log' : 'report'} as ${format.toUpperCase()}.` });
    } catch (error) {
      showError(error);
    }
  };

  const m = report?.measures;
  return (
    <section className="page reports" aria-labelledby="reports-title">
      <header className="page-header">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p className="page-subtitle">What happened to your pushes and what people did with them. Numbers match the delivery log line for line.</p>
        </div>
        <div className="report-exports" role="group" aria-label="Export">
          {(['csv', 'json', 'pdf'] as const).map((format) => (
            <button key={format} type="button" className="button" onClick={() => void exportAs('report', format)}>
              <Download size={14} /> {format.toUpperCase()}
            </button>
          ))}
          <button type="button" className="button" onClick={() => void exportAs('log', 'csv')} title="Every delivery-log line of this scope and period">
            <Download size={14} /> Raw log CSV
          </button>
        </div>
      </header>
      <div className="report-controls">
        <label>
          Report
          <select aria-label="Report" value={journeyId} onChange={(e) => setJourneyId(e.target.value)}>
            <option value="">Push report: every journey, campaign and test send</option>
            {journeys.map((j) => (
              <option key={j.id} value={j.id}>
                Journey: {j.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select aria-label="Period" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {Object.entries(periods).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {report && m && (
        <>
          <div className="kpis" role="list" aria-label="Headline figures">
            {(
              [
                ['Targeted', fmt(m.targeted)],
                ['Delivered', fmt(m.delivered)],
                ['Failed', fmt(m.failed)],
                ['Excluded', fmt(m.excluded)],
                ['Opens', fmt(m.opens)],
                ['Unique opens', fmt(m.uniqueOpens)],
                ['Open rate', percent(m.openRate)],
                ['Action taps', fmt(m.actions)],
              ] as const
            ).map(([label, value]) => (
              <div className="kpi" role="listitem" key={label} aria-label={`${label}: ${value}`}>
                <span className="kpi-label">{label}</span>
                <span className="kpi-value">{value}</span>
              </div>
            ))}
          </div>
          {report.journey && (
            <p className="journey-totals" aria-label="Journey totals">
              {fmt(report.journey.entered)} entered · {fmt(report.journey.exited)} exited · {fmt(report.journey.inProgress)} in progress · {fmt(report.journey.failed)} failed
              {report.journey.refused ? ` · ${fmt(report.journey.refused)} refused re-entry` : ''}
            </p>
          )}
          <div className="charts">
            <TimeChart report={report} />
            <PlatformBars report={report} />
          </div>
          <MeasuresTable
            title="Messages"
            rows={report.messages.flatMap((msg) => [
              { key: msg.messageId, name: msg.name, measures: msg.measures },
              ...msg.byPlatform.map((p) => ({ key: `${msg.messageId}-${p.platform}`, name: platformLabel(p.platform), measures: p.measures, sub: true })),
            ])}
          />
          <MeasuresTable title="Apps and platforms" rows={report.byApp.map((a) => ({ key: `${a.appId}-${a.platform}`, name: `${a.appId} · ${platformLabel(a.platform)}`, measures: a.measures }))} />
          {report.kind === 'push' && <MeasuresTable title="By origin" rows={report.byOrigin.map((o) => ({ key: o.origin, name: originLabel(o.origin), measures: o.measures }))} />}
          {report.kind === 'push' && <MeasuresTable title="Journeys and campaigns" rows={report.byJourney.map((j) => ({ key: j.journeyId, name: j.name, measures: j.measures }))} />}
          <div className="reason-tables">
            {report.failedByReason.length > 0 && (
              <section className="report-block">
                <h2>Failed, by reason</h2>
                <table className="report-table">
                  <tbody>
                    {report.failedByReason.map((r) => (
                      <tr key={`${r.outcome}-${r.reason}`}>
                        <th scope="row">
                          {r.reason} <span className="muted">({r.outcome})</span>
                        </th>
                        <td>{fmt(r.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
            {Object.keys(report.excludedByReason).length > 0 && (
              <section className="report-block">
                <h2>Excluded, by reason</h2>
                <table className="report-table">
                  <tbody>
                    {Object.entries(report.excludedByReason).map(([reason, n]) => (
                      <tr key={reason}>
                        <th scope="row">{exclusionLabel(reason)}</th>
                        <td>{fmt(n)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </div>
          {report.journey && report.journey.nodes.length > 0 && (
            <section className="report-block">
              <h2>Steps (since first published)</h2>
              <table className="report-table">
                <thead>
                  <tr>
                    <th>Step</th>
                    <th>Reached</th>
                    <th>Waiting</th>
                    <th>Ended</th>
                    <th>Excluded</th>
                  </tr>
                </thead>
                <tbody>
                  {report.journey.nodes.map((n) => (
                    <tr key={n.nodeId}>
                      <th scope="row">{n.name}</th>
                      <td>{fmt(n.reached)}</td>
                      <td>{fmt(n.waiting)}</td>
                      <td>{fmt(n.ended)}</td>
                      <td>{fmt(Object.values(n.excluded).reduce((s, x) => s + x, 0))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <p className="muted report-note">
            Pushes are counted per device, exclusions per profile. Sent = delivered + failed; open rate = unique opens ÷ delivered. Periods are whole UTC hours
            {report.from ? ` (from ${report.from.slice(0, 16).replace('T', ' ')})` : ''}.
          </p>
        </>
      )}
    </section>
  );
}
