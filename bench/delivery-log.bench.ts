// npm run bench -- delivery-log [ROWS]
// The Delivery log at ROWS attempts (default 1,000,000): what the panel asks for as the user
// scrolls and filters, timed through the real log store (rows carry their journey step's name). Limits: every page < 50 ms, counts < 1.5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDeliveryLog } from '../main/services/delivery/log-store.js';
import { openWorkspace } from '../main/services/workspace/workspace.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-log-'));
const workspace = openWorkspace(dir);
const db = workspace.db;
let t = performance.now();
db.exec(`
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
  INSERT INTO delivery_attempts (outbox_id, at, run_id, journey_id, node_id, message_id, channel_id, profile_id, token, platform, app_id,
    outcome, reason, status, attempt, latency_ms, provider_id, possibly_duplicated, final, response)
  SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i / 10) || ' seconds'), 'run_' || (i % 50), 'jny_' || (i % 20), 'node_' || (i % 7),
    'msg_' || (i % 30), 'chn_bench', i % 100000, printf('%064x', i), CASE i % 3 WHEN 0 THEN 'fcm' WHEN 1 THEN 'apns' ELSE 'apnsSandbox' END, 'com.acme.app',
    CASE WHEN i % 97 = 0 THEN 'tokenInvalid' WHEN i % 13 = 0 THEN 'retryable' ELSE 'delivered' END,
    CASE WHEN i % 97 = 0 THEN 'Unregistered' WHEN i % 13 = 0 THEN 'ServiceUnavailable' ELSE NULL END,
    CASE WHEN i % 97 = 0 THEN 410 WHEN i % 13 = 0 THEN 503 ELSE 200 END, 1 + (i % 13 = 0), 20 + i % 80, NULL, 0, 1, '{"status":200,"headers":{},"body":null}'
  FROM n;
  -- Each attempt's push, sent by its journey's live version, whose 7 steps are named: pages name them.
  INSERT INTO outbox (id, dedupe_key, origin, message_id, channel_id, journey_id, version_id, node_id, run_id, platform, app_id, token, request, status, not_before, created_at, updated_at)
  SELECT outbox_id, outbox_id, 'journey', message_id, channel_id, journey_id, 'jv_' || substr(journey_id, 5), node_id, run_id, platform, app_id, token, '{}', 'delivered', at, at, at
  FROM delivery_attempts;
  WITH RECURSIVE j(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM j WHERE i < 19)
  INSERT INTO journeys (id, name, status, created_at, updated_at) SELECT 'jny_' || i, 'Journey ' || i, 'live', '2026-01-01', '2026-01-01' FROM j;
  WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 6)
  INSERT INTO journey_versions (id, journey_id, number, status, graph, layout, created_at, updated_at)
  SELECT 'jv_' || substr(id, 5), id, 1, 'live',
    json_object('nodes', (SELECT json_group_array(json_object('id', 'node_' || i, 'type', 'message', 'name', 'Step ' || i, 'config', json_object(), 'next', json_object())) FROM k)),
    '{}', '2026-01-01', '2026-01-01'
  FROM journeys;
`);
console.log(`${ROWS.toLocaleString('en')} log rows written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const log = createDeliveryLog(db);
const time = (label: string, limitMs: number, run: () => unknown) => {
  run();
  const runs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    t = performance.now();
    run();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2]!;
  console.log(`${label.padEnd(52)} ${median.toFixed(1).padStart(8)} ms  ${median <= limitMs ? 'ok' : `OVER ${limitMs} ms`}`);
};
let page = log.page({}, undefined, 200);
if (!page.rows.every((r) => r.nodeName === `Step ${r.nodeId!.slice(5)}`)) throw new Error('The log did not name the journey steps.');
time('first page (newest 200)', 50, () => log.page({}, undefined, 200));
time('page deep in the log (keyset, 900,000 rows down)', 50, () => log.page({}, Math.max(1, ROWS - 900_000), 200));
time('next page after the first', 50, () => log.page({}, page.nextBeforeId ?? undefined, 200));
time('filtered by outcome (tokenInvalid, 1 in 97)', 50, () => log.page({ outcome: 'tokenInvalid' }, undefined, 200));
time('filtered by journey', 50, () => log.page({ journeyId: 'jny_3' }, undefined, 200));
time('filtered by platform + reason', 50, () => log.page({ platform: 'fcm', reason: 'ServiceUnavailable' }, undefined, 200));
time('filtered by a time range', 50, () => log.page({ from: '2026-01-01T10:00:00Z', to: '2026-01-01T11:00:00Z' }, undefined, 200));
time('live: rows since the newest shown', 50, () => log.page({}, undefined, 1000, ROWS - 100));
time('counts by outcome and reason (all)', 1500, () => log.counts({}));
time('counts for one journey', 1500, () => log.counts({ journeyId: 'jny_3' }));
page = log.page({}, undefined, 200);
workspace.close();
rmSync(dir, { recursive: true, force: true });
