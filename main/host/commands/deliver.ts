import { parseArgs } from 'node:util';
import type { DeliverySummary } from '../../../shared/domain/delivery.js';
import type { Core } from '../../core.js';

export const DELIVER_HELP = `journey-studio deliver [--journey ID]
                         sends what is ready in the outbox (one journey's pushes with --journey),
                         waits for retries in backoff, and prints a summary of the answers`;

export class DeliverUsageError extends Error {}

export function formatSummary(s: DeliverySummary): string[] {
  const lines = [
    `Sent ${s.claimed} push attempt(s) in ${(s.elapsedMs / 1000).toFixed(1)} s: ${s.delivered} delivered, ${s.retried} retried, ${s.failed} failed, ${s.tokenInvalid} dead token(s), ${s.configuration} configuration problem(s), ${s.expired} expired.`,
  ];
  if (s.recovered) lines.push(`${s.recovered} push(es) were in flight when the previous run stopped: sent again and flagged “possibly duplicated”.`);
  const reasons = Object.entries(s.byReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length) lines.push('Provider reasons:', ...reasons.map(([reason, n]) => `  ${String(n).padStart(7)}  ${reason}`));
  return lines;
}

/** `journey-studio deliver`: drains the outbox headlessly. Exit 1 when a configuration problem stopped pushes. */
export async function deliverCommand(args: string[], core: Core, io: { out(line: string): void }, json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { journey: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length) throw new DeliverUsageError('deliver takes no file or name; use --journey ID for one journey.');
  const summary = (await core.dispatch('delivery.drain', values.journey ? { journeyId: values.journey } : {})) as DeliverySummary;
  if (json) io.out(JSON.stringify(summary));
  else for (const line of formatSummary(summary)) io.out(line);
  return summary.configuration > 0 ? 1 : 0;
}
