import { Readable } from 'node:stream';
import { StudioError } from '../../../shared/errors.js';
import type { ExportRequest, Measures, Report } from '../../../shared/domain/report.js';
import type { Db } from '../workspace/database.js';
import { csvLine, logStream } from './log-export.js';
import { renderReportPdf } from './pdf.js';
import type { ReportService } from './report-service.js';

export interface ExportFile {
  fileName: string;
  contentType: string;
  /** A stream of the file's bytes, produced as it is read (a million log rows never sit in memory). */
  open(): Readable;
}

export const measureColumns: (keyof Measures)[] = [
  'targeted',
  'queued',
  'excluded',
  'sent',
  'delivered',
  'failed',
  'expired',
  'cancelled',
  'retried',
  'invalidTokens',
  'opens',
  'uniqueOpens',
  'openRate',
  'actions',
  'dismissals',
];

/** The report's aggregates as one CSV table: a row per (section, group) with every measure. */
export function reportCsv(report: Report): string {
  const out: string[] = [];
  out.push(csvLine(['report', report.title, 'from', report.from ?? 'beginning', 'to', report.to ?? report.generatedAt]));
  out.push(csvLine(['section', 'group', 'platform', ...measureColumns]));
  const row = (section: string, group: string, platform: string, m: Measures) =>
    out.push(csvLine([section, group, platform, ...measureColumns.map((c) => (c === 'openRate' ? m[c].toFixed(4) : m[c]))]));
  row('total', report.title, '', report.measures);
  for (const p of report.byPlatform) row('platform', '', p.platform, p.measures);
  for (const a of report.byApp) row('app', a.appId, a.platform, a.measures);
  for (const o of report.byOrigin) row('origin', o.origin, '', o.measures);
  for (const j of report.byJourney) row('journey', `${j.name} (${j.journeyId})`, '', j.measures);
  for (const m of report.messages) {
    row('message', `${m.name} (${m.messageId})`, '', m.measures);
    for (const p of m.byPlatform) row('message', `${m.name} (${m.messageId})`, p.platform, p.measures);
  }
  out.push('\r\n');
  out.push(csvLine(['section', 'outcome', 'reason', 'count']));
  for (const r of report.failedByReason) out.push(csvLine(['failed', r.outcome, r.reason, r.count]));
  for (const [reason, n] of Object.entries(report.excludedByReason)) out.push(csvLine(['excluded', 'excluded', reason, n]));
  for (const [id, n] of Object.entries(report.actionsById)) out.push(csvLine(['action', 'action', id, n]));
  if (report.journey) {
    out.push('\r\n');
    out.push(csvLine(['journey', 'entered', 'exited', 'inProgress', 'failed', 'refused']));
    out.push(csvLine(['', report.journey.entered, report.journey.exited, report.journey.inProgress, report.journey.failed, report.journey.refused]));
    out.push(csvLine(['step', 'name', 'type', 'reached', 'waiting', 'ended', 'excluded']));
    for (const n of report.journey.nodes) out.push(csvLine([n.nodeId, n.name, n.type, n.reached, n.waiting, n.ended, Object.values(n.excluded).reduce((s, x) => s + x, 0)]));
  }
  out.push('\r\n');
  out.push(csvLine(['bucket', 'queued', 'delivered', 'failed', 'opens', 'actions']));
  for (const p of report.series) out.push(csvLine([p.t, p.queued, p.delivered, p.failed, p.opens, p.actions]));
  return out.join('');
}

const stamp = (report: { generatedAt: string }) => report.generatedAt.slice(0, 16).replace(/[:T]/g, '-');
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'report';

/** What an export request produces: name, type and a stream (both hosts and the CLI use this). */
export function createExports(db: Db, reports: ReportService) {
  return {
    file(request: ExportRequest): ExportFile {
      const report = reports.get({ ...(request.journeyId ? { journeyId: request.journeyId } : {}), ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) });
      const base = `${slug(report.title)}-${stamp(report)}`;
      if (request.what === 'log') {
        if (request.format === 'pdf') throw new StudioError('invalid_input', 'The raw delivery log exports as CSV or JSON.');
        const scope = { journeyId: request.journeyId, from: report.from ?? undefined, to: report.to ?? undefined };
        return {
          fileName: `${base}-delivery-log.${request.format}`,
          contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          open: () => logStream(db, scope, request.format as 'csv' | 'json'),
        };
      }
      if (request.format === 'csv') return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', open: () => Readable.from([reportCsv(report)]) };
      if (request.format === 'json') return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', open: () => Readable.from([`${JSON.stringify(report, null, 2)}\n`]) };
      return { fileName: `${base}.pdf`, contentType: 'application/pdf', open: () => renderReportPdf(report) };
    },
  };
}

export type Exports = ReturnType<typeof createExports>;
export { logStream } from './log-export.js';
