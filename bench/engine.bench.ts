// npm run bench -- engine [PROFILES]
// Dry run of PROFILES (default 1,000,000) generated profiles through a 12-node journey with two
// personalised messages (condition on an attribute and on event history, a split, a time condition
// in the profile's timezone, waits, a wait for an event, quiet hours and a frequency cap), in
// virtual time over 7 days, and in the same run the floor: a bare scan of the same profiles (every
// profile's attributes read into JS, one predicate evaluated). Limits: dry run ≤ 10 s and peak RSS
// < 600 MB for 1M profiles; dry run / bare scan ≤ 3.
// Profiles are generated with bulk SQL into a temp workspace (not through the importer).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from '../shared/domain/audience.js';
import type { ChannelSummary } from '../shared/domain/channel.js';
import { journeySettingsSchema } from '../shared/domain/engine.js';
import type { JourneyGraph } from '../shared/domain/journey-graph.js';
import { type Message, messageContentSchema } from '../shared/domain/message.js';
import { compileRule } from '../main/services/audiences/compile.js';
import { evaluateRule } from '../main/services/audiences/evaluate.js';
import { dryRun } from '../main/services/engine/dry-run.js';
import { openDatabase } from '../main/services/workspace/database.js';

const PROFILES = Number(process.argv[2] ?? 1_000_000);
const LIMIT_S = 10 * (PROFILES / 1_000_000);
const LIMIT_RSS_MB = 600;
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);

const db = openDatabase(path.join(root, 'studio.db'));
let t = performance.now();
db.exec(`
  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${PROFILES})
  INSERT INTO profiles (attributes, is_test, created_at, updated_at)
  SELECT jsonb_object(
      'firstName', 'First' || (i % 997), 'lastName', 'Last' || (i % 991),
      'loyalty', jsonb_object('tier', CASE i % 4 WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' WHEN 2 THEN 'bronze' ELSE 'platinum' END, 'points', (i * 7919) % 10000),
      'timezone', CASE i % 3 WHEN 0 THEN 'Europe/Paris' WHEN 1 THEN 'America/New_York' ELSE 'Asia/Tokyo' END,
      'locale', 'en-US', 'city', 'City' || (i % 500), 'age', 18 + i % 60, 'optIn', json('true')),
    i % 1000 = 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM c;
  INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at)
    SELECT id, 'com.acme.shop', CASE id % 2 WHEN 0 THEN 'apns' ELSE 'fcm' END, printf('%064x', id), 'ecid' || id, '2026-01-01T00:00:00Z',
      CASE WHEN id % 10 = 0 THEN 'invalid' ELSE 'valid' END, '2026-01-01T00:00:00Z'
    FROM profiles WHERE id % 7 != 0;
  INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at)
    SELECT id, 'com.acme.shop', 'apns', printf('b%063x', id), 'ecidb' || id, '2026-01-01T00:00:00Z', 'valid', '2026-01-01T00:00:00Z'
    FROM profiles WHERE id % 3 = 0;
  INSERT INTO experience_events (profile_id, type, timestamp)
    SELECT id, 'application.launch', '2026-02-27T10:00:00Z' FROM profiles WHERE id % 5 = 0;
`);
db.pragma('wal_checkpoint(TRUNCATE)');
console.log(`generated ${PROFILES.toLocaleString('en-US')} profiles with devices and events in ${((performance.now() - t) / 1000).toFixed(1)} s (bulk SQL)`);

const node = (id: string, type: string, config: unknown, next: Record<string, string> = {}) => ({ id, type, config, next });
const graph = {
  nodes: [
    node('n_entry', 'entry.audience', { audienceId: 'aud_everyone1', schedule: { kind: 'once' } }, { next: 'n_cond' }),
    node('n_cond', 'condition', {
      paths: [
        { id: 'p_gold', label: 'Gold', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' } },
        { id: 'p_active', label: 'Active', rule: { kind: 'event', type: 'application.launch', atLeast: 1, inLastDays: 7 } },
      ],
    }, { p_gold: 'n_m1', p_active: 'n_split', otherwise: 'n_wait1' }),
    node('n_m1', 'message', { messageId: 'msg_benchmark1' }, { next: 'n_wait2' }),
    node('n_wait2', 'wait', { kind: 'duration', seconds: 86_400 }, { next: 'n_time' }),
    node('n_time', 'timeCondition', { days: [1, 2, 3, 4, 5], from: '09:00', to: '20:00' }, { match: 'n_m2', otherwise: 'n_end1' }),
    node('n_split', 'split', { paths: [{ id: 'p_a', label: 'A', percent: 50 }, { id: 'p_b', label: 'B', percent: 50 }] }, { p_a: 'n_m2', p_b: 'n_end2' }),
    node('n_wait1', 'wait', { kind: 'timeOfDay', at: '10:00' }, { next: 'n_wfe' }),
    node('n_wfe', 'waitForEvent', { eventType: 'pushTracking.applicationOpened', timeoutSeconds: 86_400 }, { event: 'n_end3', timeout: 'n_m2' }),
    node('n_m2', 'message', { messageId: 'msg_benchmark2' }, { next: 'n_end1' }),
    node('n_end1', 'end', {}),
    node('n_end2', 'end', {}),
    node('n_end3', 'end', {}),
  ],
} as JourneyGraph;
const message = (id: string, title: string, body: string): Message => ({
  id, name: id, channelId: 'chn_benchmark1', createdAt: '', updatedAt: '',
  content: messageContentSchema.parse({ title, body, data: [{ key: 'tier', value: '{{profile.loyalty.tier}}' }] }),
});
const messages = new Map([
  ['msg_benchmark1', message('msg_benchmark1', 'Hi {{default profile.firstName "there"}}', 'Gold perks for {{profile.city}}: {{formatNumber profile.loyalty.points}} points.')],
  ['msg_benchmark2', message('msg_benchmark2', '{{profile.firstName}}, we miss you', 'Come back to {{profile.city}} deals.')],
]);
const channel = { id: 'chn_benchmark1', name: 'Shop', target: 'sandbox', ios: { bundleId: 'com.acme.shop' }, android: { projectId: 'acme-shop' }, warnings: [], createdAt: '', updatedAt: '' } as unknown as ChannelSummary;
const everyone: Rule = { kind: 'and', rules: [] };

// ---- the floor: every profile read into JS, one predicate -------------------------------------
const predicate: Rule = { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' };
const now = new Date('2026-03-02T08:00:00Z');
t = performance.now();
const page = db.prepare<[number], { id: number; a: string }>('SELECT p.id, json(p.attributes) AS a FROM profiles p WHERE p.id > ? ORDER BY p.id LIMIT 5000');
let matched = 0;
for (let after = 0; ; ) {
  const rows = page.all(after);
  if (!rows.length) break;
  after = rows.at(-1)!.id;
  for (const row of rows) if (evaluateRule(predicate, { attributes: JSON.parse(row.a), isTest: false, registrations: [], events: [] }, now)) matched += 1;
  await new Promise((r) => setImmediate(r));
}
const scanS = (performance.now() - t) / 1000;
t = performance.now();
const { where, params } = compileRule(predicate, now);
const sqlCount = (db.prepare(`SELECT count(*) AS n FROM profiles p WHERE ${where}`).get(...params) as { n: number }).n;
const sqlS = (performance.now() - t) / 1000;

// ---- the dry run ---------------------------------------------------------------------------------
let maxGap = 0;
let last = performance.now();
const loop = setInterval(() => {
  const at = performance.now();
  maxGap = Math.max(maxGap, at - last - 5);
  last = at;
}, 5);
t = performance.now();
last = t;
const result = await dryRun({
  db, journeyId: 'jny_benchmark1', versionId: 'jv_benchmark1', graph,
  settings: journeySettingsSchema.parse({ frequencyCap: 3, quietHours: { from: '22:00', to: '07:00', mode: 'hold' } }),
  messages, channels: new Map([[channel.id, channel]]), audiences: new Map([['aud_everyone1', everyone]]),
  from: now, days: 7,
});
const dryS = (performance.now() - t) / 1000;
clearInterval(loop);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

const { totals } = result;
const reconciles = totals.ended + totals.excluded + totals.waiting === totals.entered;
console.log(`bare scan (attributes into JS, one predicate, batches that yield): ${scanS.toFixed(2)} s, ${matched.toLocaleString('en-US')} matched`);
console.log(`  (the same predicate as one SQL count: ${sqlS.toFixed(2)} s, ${sqlCount.toLocaleString('en-US')})`);
console.log(`dry run, 12 nodes, 2 personalised messages, 7 virtual days: ${dryS.toFixed(2)} s`);
console.log(`  entered ${totals.entered.toLocaleString('en-US')}: ended ${totals.ended.toLocaleString('en-US')}, excluded ${totals.excluded.toLocaleString('en-US')}, waiting ${totals.waiting.toLocaleString('en-US')} (reconciles: ${reconciles})`);
console.log(`  devices the pushes would reach: ${(result.nodes.n_m1!.devices + result.nodes.n_m2!.devices).toLocaleString('en-US')}; longest event-loop stall ${maxGap.toFixed(0)} ms`);
console.log(`  limit ${LIMIT_S} s: ${(dryS / LIMIT_S).toFixed(2)} of the limit`);
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (limit ${LIMIT_RSS_MB} MB)`);
console.log(`dry run / bare scan: ${(dryS / scanS).toFixed(2)} (target ≤ 3)`);
db.close();
rmSync(root, { recursive: true, force: true });
if (!reconciles) process.exitCode = 1;
