import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Rule, ruleSchema } from '../../shared/domain/audience';
import { createAudiencesService } from '../../main/services/audiences/audiences-service';
import { compileRule } from '../../main/services/audiences/compile';
import { type ProfileFacts, evaluateRule } from '../../main/services/audiences/evaluate';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { openDatabase } from '../../main/services/workspace/database';
import { seededRandom } from '../../main/services/prng';
import { tempDir } from './helpers/temp-workspace';

const NOW = new Date('2025-06-01T12:00:00Z');

function setup() {
  const db = openDatabase(path.join(tempDir(), 'studio.db'));
  const store = createProfileStore(db, () => 'e');
  const audiences = createAudiencesService(db, store, { now: () => NOW });
  return { db, store, audiences };
}

const pick = <T,>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function randomFacts(rand: () => number): ProfileFacts {
  const attributes: Record<string, unknown> = {};
  // Strings that read like an array or object, and the numbers true and false read as, are there to
  // catch a compiled condition that leaves out a type check it needed.
  const values = ['gold', 'silver', 'Gold', 3, 0, 1, 2, 7.5, -2, true, false, null, '2025-05-30', '2024-01-01T00:00:00Z', '2025-05-31T10:00:00Z', 'not a date', ['gold', 'x'], { nested: 1 }, '["gold","x"]', '{"nested":1}'];
  for (const key of ['tier', 'points', 'since', 'tags']) if (rand() < 0.8) attributes[key] = pick(rand, values);
  if (rand() < 0.5) attributes.loyalty = { level: pick(rand, values) };
  const registrations = Array.from({ length: Math.floor(rand() * 3) }, () => ({
    appId: pick(rand, ['app.a', 'app.b']),
    platform: pick(rand, ['apns', 'fcm', 'apnsSandbox'] as const),
    status: pick(rand, ['valid', 'valid', 'invalid', 'denylisted'] as const),
  }));
  const events = Array.from({ length: Math.floor(rand() * 5) }, () => ({
    type: pick(rand, ['application.launch', 'pushTracking.applicationOpened']),
    timestamp: new Date(NOW.getTime() - Math.floor(rand() * 20) * 86_400_000 - 3_600_000).toISOString(),
  }));
  return { attributes, registrations, events, isTest: rand() < 0.2 };
}

function randomLeaf(rand: () => number): Rule {
  const path = pick(rand, ['tier', 'points', 'since', 'tags', 'loyalty.level', 'missing']);
  switch (Math.floor(rand() * 13)) {
    case 0: return { kind: 'attribute', path, op: 'equals', value: pick(rand, ['gold', 3, true, false, 'Gold', 1, 0, 2, '["gold","x"]', '{"nested":1}']) };
    case 1: return { kind: 'attribute', path, op: 'in', values: pick(rand, [['gold', 'silver', 3, 7.5], ['["gold","x"]', 'silver'], [1, 'gold'], [0, 2], ['{"nested":1}', 3]]) };
    case 2: return { kind: 'attribute', path, op: 'contains', value: pick(rand, ['old', 'gold', 'x', 'date']) };
    case 3: return { kind: 'attribute', path, op: 'exists' };
    case 4: return { kind: 'attribute', path, op: pick(rand, ['gt', 'gte', 'lt', 'lte'] as const), value: pick(rand, [0, 3, 7.5, -2, 1, 0.5, -1, 2, 2.5]) };
    case 5: return { kind: 'attribute', path, op: pick(rand, ['before', 'after'] as const), value: pick(rand, ['2025-05-31', '2024-06-01T00:00:00Z']) };
    case 6: return { kind: 'attribute', path, op: 'withinLastDays', days: pick(rand, [1, 3, 600]) };
    case 7: return { kind: 'event', type: pick(rand, ['application.launch', 'pushTracking.applicationOpened']), atLeast: pick(rand, [1, 2, 3]), inLastDays: pick(rand, [1, 7, 30]) };
    case 8: return { kind: 'reachable', appId: pick(rand, ['app.a', 'app.b']) };
    case 9: return { kind: 'reachable', appId: 'app.a', platform: pick(rand, ['apns', 'fcm'] as const) };
    case 10: return { kind: 'testProfile' };
    default: return { kind: 'attribute', path, op: 'equals', value: pick(rand, [0, 'silver', -2]) };
  }
}

function randomRule(rand: () => number, depth = 0): Rule {
  const r = rand();
  if (depth < 3 && r < 0.3) return { kind: pick(rand, ['and', 'or'] as const), rules: Array.from({ length: Math.floor(rand() * 4) }, () => randomRule(rand, depth + 1)) };
  if (depth < 3 && r < 0.4) return { kind: 'not', rule: randomRule(rand, depth + 1) };
  return randomLeaf(rand);
}

describe('the audience rule engine', () => {
  it('compiles to SQL that agrees with the in-memory evaluator on random profiles and rules', () => {
    const { db, store } = setup();
    const rand = seededRandom(7);
    const facts: ProfileFacts[] = [];
    const insertEvent = db.prepare('INSERT INTO experience_events (profile_id, type, timestamp) VALUES (?, ?, ?)');
    let tokens = 0;
    for (let i = 0; i < 300; i += 1) {
      const f = randomFacts(rand);
      facts.push(f);
      const { profileId } = store.upsertProfile(
        {
          identities: [{ namespace: 'email', value: `p${i}@x.com` }],
          attributes: f.attributes,
          registrations: f.registrations.map((r) => ({ ...r, token: `${(tokens += 1)}abc`, ecid: null, registeredAt: null, reason: null })),
          isTest: f.isTest,
        },
        null,
        NOW.toISOString(),
      ) as { profileId: number };
      for (const e of f.events) insertEvent.run(profileId, e.type, e.timestamp);
    }
    let checked = 0;
    for (let k = 0; k < 600; k += 1) {
      const rule = ruleSchema.parse(randomRule(rand));
      const { where, params } = compileRule(rule, NOW);
      const ids = new Set(db.prepare(`SELECT p.id FROM profiles p WHERE ${where}`).all(...params).map((r) => (r as { id: number }).id));
      facts.forEach((f, i) => {
        expect(ids.has(i + 1), `${JSON.stringify(rule)} on ${JSON.stringify(f)}`).toBe(evaluateRule(rule, f, NOW));
      });
      checked += 1;
    }
    expect(checked).toBe(600);
  });

  it('binds every value: a hostile value is data, never SQL', () => {
    const rule: Rule = { kind: 'attribute', path: 'tier', op: 'equals', value: "x'); DROP TABLE profiles; --" };
    const { where, params } = compileRule(rule, NOW);
    expect(where).not.toContain('DROP');
    expect(params).toContain("x'); DROP TABLE profiles; --");
    expect(ruleSchema.safeParse({ kind: 'attribute', path: 'a"); DROP', op: 'exists' }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: 'attribute', path: '__proto__.x', op: 'exists' }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: 'attribute', path: 'a', op: 'gt', value: 'ten' }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: 'event', type: 'x', atLeast: 0, inLastDays: 1 }).success).toBe(false);
  });

  it('saves, counts, samples, deletes and restores audiences', () => {
    const { store, audiences } = setup();
    for (let i = 0; i < 5; i += 1) {
      store.upsertProfile({ identities: [{ namespace: 'email', value: `u${i}@x.com` }], attributes: { points: i }, registrations: [], isTest: null }, null, NOW.toISOString());
    }
    const saved = audiences.save({ name: 'High points', rule: { kind: 'attribute', path: 'points', op: 'gte', value: 3 } });
    expect(audiences.preview(saved.rule, 10)).toMatchObject({ count: 2, sample: [{ id: 4 }, { id: 5 }] });
    expect(audiences.ids({ kind: 'and', rules: [] }, { afterId: 2, limit: 2 })).toEqual([3, 4]);
    audiences.delete(saved.id);
    expect(audiences.list()).toEqual([]);
    expect(audiences.restore(saved.id).name).toBe('High points');
  });
});
