import type { Migration } from '../workspace/migrations.js';
import type { Db } from '../workspace/database.js';

/**
 * How far a workspace's clock was moved on (virtual time), kept in the workspace beside the data it
 * stamped. A restart starts the clock there again, so a workspace's time never runs backwards: waits
 * ended, pushes sent and events recorded "tomorrow" stay in its past.
 */
export const studioClockSchema: Migration = {
  version: 90,
  name: 'studioClock',
  sql: `
    CREATE TABLE studio_clock (
      id        INTEGER PRIMARY KEY CHECK (id = 1),
      ahead_ms  INTEGER NOT NULL CHECK (ahead_ms >= 0)
    );
  `,
};

export function createClockStore(db: Db) {
  const read = db.prepare<[], { ahead_ms: number }>('SELECT ahead_ms FROM studio_clock WHERE id = 1');
  const write = db.prepare<[number]>('INSERT INTO studio_clock (id, ahead_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET ahead_ms = excluded.ahead_ms');
  return {
    aheadMs: (): number => read.get()?.ahead_ms ?? 0,
    save: (aheadMs: number): void => void write.run(Math.round(aheadMs)),
  };
}
