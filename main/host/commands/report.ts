import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { exportRequestSchema } from '../../../shared/domain/report.js';
import { StudioError } from '../../../shared/errors.js';
import type { Core } from '../../core.js';

export const REPORT_HELP = `journey-studio report [--journey ID] --format csv|json|pdf --out FILE [--from ISO] [--to ISO] [--log]

  The journey report (--journey ID) or, without it, the push report across every journey,
  campaign and test send, written to FILE. --log writes the raw delivery log rows instead of the
  aggregates (csv or json, streamed). --from/--to bound the period (whole UTC hours).`;

export class ReportUsageError extends Error {}

export async function reportCommand(args: string[], core: Core, io: { out(line: string): void }, json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { journey: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, log: { type: 'boolean' } },
  });
  if (positionals.length) throw new ReportUsageError(`report takes no ${positionals[0]}.`);
  if (!values.out) throw new ReportUsageError('report needs --out FILE.');
  const parsed = exportRequestSchema.safeParse({
    what: values.log ? 'log' : 'report',
    format: values.format,
    ...(values.journey ? { journeyId: values.journey } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  });
  if (!parsed.success) throw new ReportUsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'format')}: ${i.message}`).join('; '));
  const file = core.exports.file(parsed.data);
  try {
    await pipeline(file.open(), createWriteStream(values.out));
  } catch (error) {
    throw new StudioError('invalid_input', `Cannot write ${values.out}: ${(error as Error).message}`);
  }
  io.out(json ? JSON.stringify({ out: values.out, format: parsed.data.format, what: parsed.data.what }) : `Wrote ${values.out}.`);
  return 0;
}
