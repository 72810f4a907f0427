// npm run bench -- audience [ROWS]
// Counts audiences over ROWS generated profiles (default 1,000,000: nested attributes, 0–2 push
// registrations, two experience events each on average, two thirds of them push opens, each linked
// by the reports trigger like an imported one) through the rule engine (compiled to SQL), and in the
// same run times the peer: a bare SELECT count(*) written by hand with the same predicate. Limit: 1 s
// per count, printed as a ratio. Rules: attribute, event count, reachability, and/or/not groups.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from '../shared/domain/audience.js';
import { createAudiencesService } from '../main/services/audiences/audiences-service.js';
import { bulkLoadSettings, createProfileStore } from '../main/services/profiles/profile-store.js';
import { openDatabase } from '../main/services/workspace/database.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const LIMIT_MS = 1000;
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-audience-'));
const db = openDatabase(path.join(root, 'audience.db'));
const NOW = new Date('2025-06-01T12:00:00Z');

// ---- generate (in SQL: the point is the count, not the import) ---------------------------------
const steps: string[] = [];
const started = performance.now();
// The page cache an import runs with: the pages being filled and the indexes' upper levels stay in memory.
const restoreSettings = bulkLoadSettings(db);
function step(name: string, sql: string): void {
  const s = performance.now();
  db.exec(sql);
  steps.push(`${name} ${((performance.now() - s) / 1000).toFixed(1)} s`);
}
const numbers = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
step(
  'profiles',
  `${numbers(ROWS)}
  INSERT INTO profiles (attributes, is_test, created_at, updated_at)
  SELECT jsonb_object(
      'firstName', 'First' || (i % 997), 'lastName', 'Last' || (i % 991),
      'locale', CASE i % 5 WHEN 0 THEN 'en-US' WHEN 1 THEN 'fr-FR' WHEN 2 THEN 'de-DE' WHEN 3 THEN 'es-ES' ELSE 'it-IT' END,
      'timezone', 'Europe/Paris',
      'loyalty', jsonb_object('tier', CASE i % 4 WHEN 0 THEN 'bronze' WHEN 1 THEN 'silver' WHEN 2 THEN 'gold' ELSE 'platinum' END, 'points', (i * 7919) % 10000),
      'age', 18 + i % 60, 'city', 'City ' || (i % 500), 'optIn', json(CASE WHEN i % 11 < 4 THEN 'true' ELSE 'false' END),
      'signupDate', printf('2024-%02d-%02d', 1 + i % 12, 1 + i % 28)),
    i % 1000 = 0, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
  FROM n;`,
);
step(
  'registrations',
  `${numbers(ROWS)}
  INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at)
  SELECT i, 'com.acme.shop', CASE i % 2 WHEN 0 THEN 'apns' ELSE 'fcm' END, printf('tok%08d', i), NULL, '2025-01-01T00:00:00Z',
         CASE WHEN i % 10 = 0 THEN 'invalid' ELSE 'valid' END, '2025-01-01T00:00:00Z'
  FROM n WHERE i % 3 != 0;
  ${numbers(ROWS)}
  INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at)
  SELECT i, 'com.acme.news', 'fcm', printf('news%08d', i), NULL, '2025-01-01T00:00:00Z', 'valid', '2025-01-01T00:00:00Z'
  FROM n WHERE i % 5 = 0;`,
);
step(
  'events and their push interactions',
  `${numbers(ROWS * 2)}
  INSERT INTO experience_events (profile_id, type, timestamp, attributes)
  SELECT 1 + (i * 48271) % ${ROWS}, CASE i % 3 WHEN 0 THEN 'application.launch' ELSE 'pushTracking.applicationOpened' END,
         strftime('%Y-%m-%dT%H:%M:%fZ', '2025-06-01T12:00:00Z', '-' || (i % 90) || ' days'), '{}'
  FROM n;`,
);
restoreSettings();
// No ANALYZE: a workspace never has statistics, so the counts are planned as they would be for a user.
const generatedS = (performance.now() - started) / 1000;

const audiences = createAudiencesService(db, createProfileStore(db, () => 'unused'), { now: () => NOW });

function time(fn: () => number): { ms: number; n: number } {
  fn(); // warm the page cache as a second look at the builder would
  const runs: number[] = [];
  let n = 0;
  for (let i = 0; i < 3; i += 1) {
    const s = performance.now();
    n = fn();
    runs.push(performance.now() - s);
  }
  return { ms: runs.sort((a, b) => a - b)[1]!, n };
}

const since = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const cases: { name: string; rule: Rule; peer: string }[] = [
  {
    name: 'gold or platinum with ≥ 5,000 points, reachable on com.acme.shop (APNs)',
    rule: {
      kind: 'and',
      rules: [
        { kind: 'attribute', path: 'loyalty.tier', op: 'in', values: ['gold', 'platinum'] },
        { kind: 'attribute', path: 'loyalty.points', op: 'gte', value: 5000 },
        { kind: 'reachable', appId: 'com.acme.shop', platform: 'apns' },
      ],
    },
    peer: `SELECT count(*) AS n FROM profiles p WHERE p.attributes ->> '$.loyalty.tier' IN ('gold', 'platinum') AND p.attributes ->> '$.loyalty.points' >= 5000
           AND p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = 'com.acme.shop' AND platform = 'apns' AND status = 'valid')`,
  },
  {
    name: 'opened a push at least 2 times in the last 30 days, and not a test profile',
    rule: {
      kind: 'and',
      rules: [
        { kind: 'event', type: 'pushTracking.applicationOpened', atLeast: 2, inLastDays: 30 },
        { kind: 'not', rule: { kind: 'testProfile' } },
      ],
    },
    peer: `SELECT count(*) AS n FROM profiles p WHERE p.id IN (SELECT profile_id FROM experience_events WHERE type = 'pushTracking.applicationOpened'
           AND timestamp >= '${since(30)}' GROUP BY profile_id HAVING count(*) >= 2) AND p.is_test = 0`,
  },
  {
    name: 'has a valid token for com.acme.news',
    rule: { kind: 'reachable', appId: 'com.acme.news' },
    peer: `SELECT count(*) AS n FROM profiles p WHERE p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = 'com.acme.news' AND status = 'valid')`,
  },
  {
    name: 'French or German aged 30 or more, or platinum',
    rule: {
      kind: 'or',
      rules: [
        {
          kind: 'and',
          rules: [
            { kind: 'attribute', path: 'locale', op: 'in', values: ['fr-FR', 'de-DE'] },
            { kind: 'attribute', path: 'age', op: 'gte', value: 30 },
          ],
        },
        { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'platinum' },
      ],
    },
    peer: `SELECT count(*) AS n FROM profiles p WHERE (p.attributes ->> '$.locale' IN ('fr-FR', 'de-DE') AND p.attributes ->> '$.age' >= 30)
           OR p.attributes ->> '$.loyalty.tier' = 'platinum'`,
  },
  {
    name: 'reachable on com.acme.shop but opened no push in the last 7 days',
    rule: {
      kind: 'and',
      rules: [
        { kind: 'reachable', appId: 'com.acme.shop' },
        { kind: 'not', rule: { kind: 'event', type: 'pushTracking.applicationOpened', atLeast: 1, inLastDays: 7 } },
      ],
    },
    peer: `SELECT count(*) AS n FROM profiles p WHERE p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = 'com.acme.shop' AND status = 'valid')
           AND p.id NOT IN (SELECT profile_id FROM experience_events WHERE type = 'pushTracking.applicationOpened' AND timestamp >= '${since(7)}')`,
  },
  {
    name: 'opted in, signed up after 2024-06-01, launched the app in 60 days or > 9,000 points, reachable on either app, not en-US',
    rule: {
      kind: 'and',
      rules: [
        { kind: 'attribute', path: 'optIn', op: 'equals', value: true },
        { kind: 'attribute', path: 'signupDate', op: 'after', value: '2024-06-01' },
        {
          kind: 'or',
          rules: [
            { kind: 'event', type: 'application.launch', atLeast: 1, inLastDays: 60 },
            { kind: 'attribute', path: 'loyalty.points', op: 'gt', value: 9000 },
          ],
        },
        { kind: 'or', rules: [{ kind: 'reachable', appId: 'com.acme.shop' }, { kind: 'reachable', appId: 'com.acme.news' }] },
        { kind: 'not', rule: { kind: 'attribute', path: 'locale', op: 'equals', value: 'en-US' } },
      ],
    },
    // Every generated profile has these attributes, and signup dates are plain dates: compared as text here.
    peer: `SELECT count(*) AS n FROM profiles p WHERE json_type(p.attributes, '$.optIn') = 'true' AND p.attributes ->> '$.signupDate' > '2024-06-01'
           AND (p.id IN (SELECT profile_id FROM experience_events WHERE type = 'application.launch' AND timestamp >= '${since(60)}') OR p.attributes ->> '$.loyalty.points' > 9000)
           AND p.id IN (SELECT profile_id FROM push_registrations WHERE app_id IN ('com.acme.shop', 'com.acme.news') AND status = 'valid')
           AND p.attributes ->> '$.locale' != 'en-US'`,
  },
];

console.log(`audience count over ${ROWS.toLocaleString('en')} profiles (generated in ${generatedS.toFixed(1)} s: ${steps.join(', ')})`);
let over = false;
for (const c of cases) {
  const engine = time(() => audiences.count(c.rule, NOW));
  const peer = time(() => (db.prepare(c.peer).get() as { n: number }).n);
  if (engine.n !== peer.n) console.error(`  the engine counted ${engine.n}, the peer ${peer.n}: they disagree`);
  over ||= engine.ms > LIMIT_MS || engine.n !== peer.n;
  console.log(`  ${c.name}: ${engine.n.toLocaleString('en')} profiles`);
  console.log(`    the engine:                ${engine.ms.toFixed(0)} ms   (limit ${LIMIT_MS} ms: ${(engine.ms / LIMIT_MS).toFixed(2)} of the limit)`);
  console.log(`    bare SELECT count(*), peer: ${peer.ms.toFixed(0)} ms   (engine / peer: ${(engine.ms / peer.ms).toFixed(2)})`);
}
db.close();
rmSync(root, { recursive: true, force: true });
if (over) process.exitCode = 1;
