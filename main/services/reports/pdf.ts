import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { Measures, Report } from '../../../shared/domain/report.js';
import { exclusionLabel, originLabel, percent, platformLabel, seriesLabel } from '../../../shared/report-format.js';

/** Colours that stay apart in greyscale print too (dark, mid, light), with a legend on every chart. */
const C = { delivered: '#1d4ed8', failed: '#c2410c', opens: '#15803d', text: '#111827', muted: '#4b5563', rule: '#d1d5db', band: '#f3f4f6' };
const M = 48;
const W = 595.28 - 2 * M; // A4 width inside the margins

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The report as a PDF: headline figures, the charts drawn as vectors (sharp at any zoom and in
 * print), and the tables. Black text on white, 9–10 pt body, nothing that relies on colour alone.
 */
export function renderReportPdf(report: Report): Readable {
  const doc = new PDFDocument({ size: 'A4', margin: M, bufferPages: true, info: { Title: `${report.title} — Journey Studio report`, Creator: 'Journey Studio' } });
  const bottom = () => doc.page.height - M - 20;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(C.text).text(text, M, doc.y);
    doc.moveDown(0.3);
  };

  // Title block.
  doc.font('Helvetica-Bold').fontSize(20).fillColor(C.text).text(report.title);
  doc.font('Helvetica').fontSize(10).fillColor(C.muted);
  const period = `${report.from ? report.from.slice(0, 16).replace('T', ' ') : 'the beginning'} to ${report.to ? report.to.slice(0, 16).replace('T', ' ') : 'now'} (UTC)`;
  doc.text(`${report.kind === 'journey' ? 'Journey report' : 'Push report: every journey, campaign and test send'} · ${period}`);
  doc.text(`Generated ${report.generatedAt.slice(0, 19).replace('T', ' ')} UTC by Journey Studio`);
  doc.moveDown(0.8);

  // Headline figures.
  const m = report.measures;
  const tiles: [string, string][] = [
    ['Targeted', fmt(m.targeted)],
    ['Delivered', fmt(m.delivered)],
    ['Failed', fmt(m.failed)],
    ['Excluded', fmt(m.excluded)],
    ['Unique opens', fmt(m.uniqueOpens)],
    ['Open rate', percent(m.openRate)],
    ['Action taps', fmt(m.actions)],
    ['Invalid tokens', fmt(m.invalidTokens)],
  ];
  const tileW = W / 4;
  const top = doc.y;
  tiles.forEach(([label, value], i) => {
    const x = M + (i % 4) * tileW;
    const y = top + Math.floor(i / 4) * 46;
    doc.rect(x + 2, y, tileW - 4, 40).fillColor(C.band).fill();
    doc.fillColor(C.muted).font('Helvetica').fontSize(8).text(label.toUpperCase(), x + 10, y + 7, { width: tileW - 20 });
    doc.fillColor(C.text).font('Helvetica-Bold').fontSize(15).text(value, x + 10, y + 18, { width: tileW - 20 });
  });
  doc.x = M;
  doc.y = top + 96;

  if (report.journey) {
    const j = report.journey;
    doc.font('Helvetica').fontSize(10).fillColor(C.text).text(`Profiles: ${fmt(j.entered)} entered · ${fmt(j.exited)} exited · ${fmt(j.inProgress)} in progress · ${fmt(j.failed)} failed (excluded) · ${fmt(j.refused)} refused re-entry`, M, doc.y, { width: W });
  }

  // Over time.
  heading(`Over time (per ${report.bucket})`);
  ensure(190);
  const chartTop = doc.y;
  timeChart(doc, report, M, chartTop, W, 170);
  doc.x = M;
  doc.y = chartTop + 182;

  // By platform.
  if (report.byPlatform.length) {
    heading('By platform');
    const h = 30 * report.byPlatform.length + 26;
    ensure(h);
    const top2 = doc.y;
    platformChart(doc, report, M, top2, W, h);
    doc.x = M;
    doc.y = top2 + h + 8;
  }

  // Tables.
  const cols: { label: string; get: (m: Measures) => string }[] = [
    { label: 'Targeted', get: (x) => fmt(x.targeted) },
    { label: 'Sent', get: (x) => fmt(x.sent) },
    { label: 'Delivered', get: (x) => fmt(x.delivered) },
    { label: 'Failed', get: (x) => fmt(x.failed) },
    { label: 'Excluded', get: (x) => fmt(x.excluded) },
    { label: 'Opens', get: (x) => fmt(x.opens) },
    { label: 'Unique', get: (x) => fmt(x.uniqueOpens) },
    { label: 'Rate', get: (x) => percent(x.openRate) },
    { label: 'Taps', get: (x) => fmt(x.actions) },
  ];
  const measuresTable = (title: string, rows: { name: string; measures: Measures }[]) => {
    if (!rows.length) return;
    heading(title);
    table(doc, ['', ...cols.map((c) => c.label)], rows.map((r) => [r.name, ...cols.map((c) => c.get(r.measures))]), [W - 9 * 44, ...cols.map(() => 44)]);
  };
  measuresTable(
    'Messages',
    report.messages.flatMap((msg) => [{ name: msg.name, measures: msg.measures }, ...msg.byPlatform.map((p) => ({ name: `   ${platformLabel(p.platform)}`, measures: p.measures }))]),
  );
  measuresTable("Apps and platforms", report.byApp.map((a) => ({ name: `${({ apns: "iOS", apnsSandbox: "iOS sbx", fcm: "Android" } as Record<string, string>)[a.platform] ?? a.platform} · ${a.appId}`, measures: a.measures })));
  if (report.kind === 'push') {
    measuresTable('By origin', report.byOrigin.map((o) => ({ name: originLabel(o.origin), measures: o.measures })));
    measuresTable('Journeys and campaigns', report.byJourney.map((j) => ({ name: j.name, measures: j.measures })));
  }
  if (report.failedByReason.length) {
    heading('Failed, by reason');
    table(doc, ['Outcome', 'Reason', 'Pushes'], report.failedByReason.map((r) => [r.outcome, r.reason, fmt(r.count)]), [110, W - 180, 70], 2);
  }
  const excluded = Object.entries(report.excludedByReason);
  if (excluded.length) {
    heading('Excluded, by reason');
    table(doc, ['Reason', 'Profiles'], excluded.map(([reason, n]) => [exclusionLabel(reason), fmt(n)]), [W - 70, 70]);
  }
  const actions = Object.entries(report.actionsById);
  if (actions.length) {
    heading('Action taps, by button');
    table(doc, ['Button id', 'Taps'], actions.map(([id, n]) => [id, fmt(n)]), [W - 70, 70]);
  }
  if (report.journey?.nodes.length) {
    heading('Journey steps (since first published)');
    table(
      doc,
      ['Step', 'Type', 'Reached', 'Waiting', 'Ended', 'Excluded'],
      report.journey.nodes.map((n) => [n.name, n.type, fmt(n.reached), fmt(n.waiting), fmt(n.ended), fmt(Object.values(n.excluded).reduce((s, x) => s + x, 0))]),
      [W - 90 - 4 * 55, 90, 55, 55, 55, 55],
      2,
    );
  }
  doc.moveDown(1).font('Helvetica').fontSize(8).fillColor(C.muted);
  ensure(40);
  doc.text(
    'Pushes are counted per device (one delivery-log line each); exclusions per profile. Sent = delivered + failed. Open rate = unique opens ÷ delivered. Periods are whole UTC hours.',
    M,
    doc.y,
    { width: W },
  );

  // Page numbers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(C.muted).text(`${report.title} · page ${i + 1} of ${range.count}`, M, doc.page.height - M + 10, { width: W, align: 'right', lineBreak: false });
  }
  doc.end();
  return doc as unknown as Readable;
}

type Doc = PDFKit.PDFDocument;

function legend(doc: Doc, x: number, y: number, items: [string, string, 'bar' | 'line'][]) {
  let cx = x;
  for (const [label, colour, kind] of items) {
    if (kind === 'bar') doc.rect(cx, y + 1, 9, 9).fillColor(colour).fill();
    else doc.moveTo(cx, y + 5.5).lineTo(cx + 12, y + 5.5).lineWidth(2).strokeColor(colour).stroke();
    doc.fillColor(C.text).font('Helvetica').fontSize(8.5).text(label, cx + 15, y + 1.5, { lineBreak: false });
    cx += 15 + doc.widthOfString(label) + 16;
  }
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 2, 2.5, 5, 10]) if (s * p >= v) return s * p;
  return 10 * p;
}

/** Delivered and failed as stacked bars per bucket, opens as a line, with axes and gridlines. */
function timeChart(doc: Doc, report: Report, x: number, y: number, w: number, h: number) {
  legend(doc, x, y, [
    ['Delivered', C.delivered, 'bar'],
    ['Failed', C.failed, 'bar'],
    ['Opens', C.opens, 'line'],
  ]);
  const series = report.series;
  const left = x + 40;
  const plotTop = y + 20;
  const plotH = h - 40;
  const plotW = w - 44;
  const max = niceMax(Math.max(1, ...series.map((p) => Math.max(p.delivered + p.failed, p.opens))));
  doc.font('Helvetica').fontSize(7.5);
  for (let i = 0; i <= 4; i += 1) {
    const gy = plotTop + plotH - (plotH * i) / 4;
    doc.moveTo(left, gy).lineTo(left + plotW, gy).lineWidth(0.5).strokeColor(C.rule).stroke();
    doc.fillColor(C.muted).text(fmt((max * i) / 4), x, gy - 3.5, { width: 36, align: 'right', lineBreak: false });
  }
  if (!series.length) {
    doc.fillColor(C.muted).fontSize(9).text('Nothing sent in this period.', left, plotTop + plotH / 2 - 5, { width: plotW, align: 'center' });
    return;
  }
  const slot = plotW / series.length;
  const barW = Math.max(1, Math.min(24, slot * 0.7));
  const labelEvery = Math.ceil(series.length / Math.floor(plotW / 54));
  series.forEach((p, i) => {
    const cx = left + slot * i + slot / 2;
    const dh = (p.delivered / max) * plotH;
    const fh = (p.failed / max) * plotH;
    if (dh > 0) doc.rect(cx - barW / 2, plotTop + plotH - dh, barW, dh).fillColor(C.delivered).fill();
    if (fh > 0) doc.rect(cx - barW / 2, plotTop + plotH - dh - fh, barW, fh).fillColor(C.failed).fill();
    if (i % labelEvery === 0) doc.fillColor(C.muted).fontSize(7).text(seriesLabel(p.t, report.bucket), cx - 27, plotTop + plotH + 4, { width: 54, align: 'center', lineBreak: false });
  });
  doc.moveTo(left, plotTop + plotH).lineTo(left + plotW, plotTop + plotH).lineWidth(0.8).strokeColor(C.muted).stroke();
  series.forEach((p, i) => {
    const cx = left + slot * i + slot / 2;
    const cy = plotTop + plotH - (p.opens / max) * plotH;
    if (i === 0) doc.moveTo(cx, cy);
    else doc.lineTo(cx, cy);
  });
  doc.lineWidth(1.6).strokeColor(C.opens).stroke();
  if (series.length <= 60) series.forEach((p, i) => doc.circle(left + slot * i + slot / 2, plotTop + plotH - (p.opens / max) * plotH, 1.8).fillColor(C.opens).fill());
}

/** One row per platform: delivered, failed and unique opens as horizontal bars with their numbers. */
function platformChart(doc: Doc, report: Report, x: number, y: number, w: number, h: number) {
  legend(doc, x, y, [
    ['Delivered', C.delivered, 'bar'],
    ['Failed', C.failed, 'bar'],
    ['Unique opens', C.opens, 'bar'],
  ]);
  const rows = report.byPlatform;
  const labelW = 110;
  const plotW = w - labelW - 60;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.measures.delivered, r.measures.failed, r.measures.uniqueOpens)));
  rows.forEach((r, i) => {
    const ry = y + 22 + i * 30;
    doc.fillColor(C.text).font('Helvetica').fontSize(9).text(platformLabel(r.platform), x, ry + 6, { width: labelW - 8, lineBreak: false });
    const bars: [number, string][] = [
      [r.measures.delivered, C.delivered],
      [r.measures.failed, C.failed],
      [r.measures.uniqueOpens, C.opens],
    ];
    bars.forEach(([v, colour], k) => {
      const bw = Math.max(v > 0 ? 1 : 0, (v / max) * plotW);
      const by = ry + k * 8.5;
      if (bw > 0) doc.rect(x + labelW, by, bw, 6).fillColor(colour).fill();
      doc.fillColor(C.muted).fontSize(6.5).text(fmt(v), x + labelW + bw + 3, by - 0.5, { lineBreak: false });
    });
  });
  void h;
}

/** A table that breaks across pages and repeats its header; numbers right-aligned. */
function table(doc: Doc, header: string[], rows: string[][], widths: number[], leftColumns = 1) {
  const rowH = 15;
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    if (doc.y + rowH > doc.page.height - M - 20) {
      doc.addPage();
      drawRow(header, true, false);
    }
    const y = doc.y;
    if (shade) doc.rect(M, y - 2, widths.reduce((s, x) => s + x, 0), rowH).fillColor(C.band).fill();
    let x = M;
    cells.forEach((cell, i) => {
      doc.fillColor(C.text).font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 7.5 : 8.5);
      doc.text(cell, x + 3, y + (bold ? 2.5 : 1.5), { width: widths[i]! - 6, height: rowH - 4, align: i < leftColumns ? 'left' : 'right', ellipsis: true });
      x += widths[i]!;
    });
    if (bold) doc.moveTo(M, y + rowH - 2).lineTo(x, y + rowH - 2).lineWidth(0.7).strokeColor(C.muted).stroke();
    doc.x = M;
    doc.y = y + rowH;
  };
  drawRow(header, true, false);
  rows.forEach((r, i) => drawRow(r, false, i % 2 === 1));
  doc.moveDown(0.4);
}
