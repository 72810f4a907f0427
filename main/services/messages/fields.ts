import type { Db } from '../workspace/database.js';

const PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;
const FORBIDDEN = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

/**
 * Attribute paths seen in the workspace, for the composer's insert-field picker and autocomplete:
 * leaves (and arrays, for {{#each}}) of the newest profiles' attributes and of the newest events.
 * A sample, not a scan: a million profiles must not make the composer wait.
 */
export function personalisationFields(db: Db, sample = 2000): { profile: string[]; event: string[] } {
  const paths = (sql: string) => {
    const found = new Set<string>();
    for (const { fullkey } of db.prepare<[number], { fullkey: string }>(sql).all(sample)) {
      // $.loyalty.tier; keys json_tree quotes ($."odd key") cannot be written in a template path.
      const path = fullkey.replace(/^\$\.?/, '');
      if (PATH.test(path) && !FORBIDDEN.test(path)) found.add(path);
    }
    return [...found].sort();
  };
  const leaves = (source: string) =>
    `SELECT DISTINCT t.fullkey FROM (${source}) s, json_tree(s.attributes) t WHERE t.type != 'object' AND t.fullkey NOT LIKE '%[%' LIMIT 5000`;
  const profile = paths(leaves('SELECT attributes FROM profiles ORDER BY id DESC LIMIT ?'));
  const event = paths(leaves('SELECT attributes FROM experience_events ORDER BY id DESC LIMIT ?'));
  return {
    profile: profile.map((p) => `profile.${p}`),
    event: ['event.timestamp', 'event.type', ...event.filter((p) => p !== 'type' && p !== 'timestamp').map((p) => `event.${p}`)],
  };
}
