import { type QuickStart, quickStartStepIds } from '../../../shared/contracts/quickstart.js';
import type { Clock } from '../clock.js';
import type { Db } from '../workspace/database.js';
import type { Migration } from '../workspace/migrations.js';

export const quickStartSchema: Migration = {
  version: 13,
  name: 'quick start',
  sql: `CREATE TABLE quick_start (step TEXT PRIMARY KEY, done_at TEXT NOT NULL);`,
};

type StepId = (typeof quickStartStepIds)[number];

/** Which successful operation completes which step (the marketer's own actions, through the contract). */
function stepOf(channel: string, output: unknown): StepId | undefined {
  if (channel === 'channels.create') return 'credentials';
  if (channel === 'channels.test' && (output as { ok?: boolean }).ok) return 'credentials';
  if (channel === 'profiles.import.start') return 'profiles';
  if (channel === 'messages.create' || channel === 'messages.update') return 'message';
  if (channel === 'journeys.saveDraft' && ((output as { nodeCount?: number }).nodeCount ?? 0) > 0) return 'journey';
  if (channel === 'engine.dryRun' || channel === 'engine.test.start') return 'test';
  if (channel === 'journeys.publish') return 'publish';
  if (channel.startsWith('reports.')) return 'report';
  return undefined;
}

export function createQuickStart(db: Db, clock: Clock, onChange: (state: QuickStart) => void) {
  const mark = db.prepare('INSERT OR IGNORE INTO quick_start (step, done_at) VALUES (?, ?)');
  const all = db.prepare<[], { step: string; done_at: string }>('SELECT * FROM quick_start');
  const clear = db.prepare('DELETE FROM quick_start');
  const unmark = db.prepare('DELETE FROM quick_start WHERE step = ?');

  const state = (): QuickStart => {
    const done = new Map(all.all().map((r) => [r.step, r.done_at]));
    return {
      dismissed: done.has('dismissed'),
      steps: quickStartStepIds.map((id) => ({ id, done: done.has(id), ...(done.has(id) ? { doneAt: done.get(id)! } : {}) })),
    };
  };
  return {
    state,
    /** Called after every successful contract call. */
    note(channel: string, output: unknown): void {
      const step = stepOf(channel, output);
      if (step && mark.run(step, clock.now().toISOString()).changes > 0) onChange(state());
    },
    dismiss(dismissed: boolean): QuickStart {
      if (dismissed) mark.run('dismissed', clock.now().toISOString());
      else unmark.run('dismissed');
      const next = state();
      onChange(next);
      return next;
    },
    /** After the demo data is made: the marketer's own checklist starts empty. */
    reset: () => void clear.run(),
  };
}

export type QuickStartService = ReturnType<typeof createQuickStart>;
