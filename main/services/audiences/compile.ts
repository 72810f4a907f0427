import type { AttributeCondition, ReachableCondition, Rule } from '../../../shared/domain/audience.js';

/**
 * The rule engine, compiled to SQL over the profile store (table alias `p`). Every value the user
 * typed is a bound parameter; the only identifiers in the SQL are the constants below, and
 * attribute paths become JSON paths (`$."loyalty"."tier"`, each segment already restricted to
 * letters, digits, _ and - by the rule schema), bound as parameters too.
 *
 * Each condition compiles to an expression that is 0 or 1, never NULL, so that `not` means exactly
 * what the in-memory evaluator (evaluate.ts) says it means: the tests hold them to each other.
 *
 * A count walks every profile, and each look into its attributes (a JSON path walked) is most of
 * the cost of a condition, so a condition reads its attribute once where the type check can't
 * change the answer. `->>` reads a string as text, an array or object as its JSON text (which
 * starts with [ or {), a number as a number, true and false as 1 and 0, null as NULL; values of
 * different types never compare equal (a JSON reading has no affinity). So comparing the reading
 * alone is exact unless another type's reading could match: a text value starting with [ or {, the
 * number 0 or 1, a numeric range that holds 0 or 1 (numbers sort below all text, so a range with
 * both ends numbers holds only numbers).
 */
export interface CompiledRule {
  where: string;
  params: unknown[];
}

export const DAY_MS = 86_400_000;

export function jsonPath(path: string): string {
  return `$.${path.split('.').map((segment) => `"${segment}"`).join('.')}`;
}

const NUMERIC = "json_type(p.attributes, ?) IN ('integer', 'real')";
const TEXT = "json_type(p.attributes, ?) = 'text'";
const VALUE = 'p.attributes ->> ?';
const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
// SQLite reads more than ISO 8601 as a date (julian day numbers...): only strings that start like one count.
// No type check: only text reads as four digits, a dash, two digits... (numbers, booleans, arrays and objects don't).
const DATE_TEXT = `${VALUE} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`;
const EPOCH = `unixepoch(${VALUE}, 'subsec')`;

const readsLikeContainer = (text: string) => text.startsWith('[') || text.startsWith('{');
const readsLikeBoolean = (n: number) => n === 0 || n === 1;

/** The closest double above x (below, for nextDown): x < v holds for a number v exactly when v >= nextUp(x). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return new Float64Array(bits.buffer)[0]!;
}
const nextDown = (x: number) => -nextUp(-x);

/** The numbers a comparison holds for, as an inclusive range; undefined where the bound is too large for an exact next double. */
function numericRange(op: keyof typeof COMPARE, n: number): [number, number] | undefined {
  if (op === 'gte') return [n, Infinity];
  if (op === 'lte') return [-Infinity, n];
  if (Math.abs(n) >= 2 ** 53) return undefined; // int64 readings beyond 2^53 fall between doubles
  return op === 'gt' ? [nextUp(n), Infinity] : [-Infinity, nextDown(n)];
}

export function toEpochSeconds(iso: string): number {
  const normalized = iso.includes('T') && !/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? `${iso}Z` : iso;
  return Date.parse(normalized) / 1000;
}

function attribute(c: AttributeCondition, now: Date): CompiledRule {
  const path = jsonPath(c.path);
  const wrap = (sql: string, params: unknown[]): CompiledRule => ({ where: `coalesce(${sql}, 0)`, params });
  switch (c.op) {
    case 'equals':
      if (typeof c.value === 'boolean') return wrap(`json_type(p.attributes, ?) = '${c.value ? 'true' : 'false'}'`, [path]);
      if (typeof c.value === 'number') {
        return readsLikeBoolean(c.value) ? wrap(`${NUMERIC} AND ${VALUE} = ?`, [path, path, c.value]) : wrap(`${VALUE} = ?`, [path, c.value]);
      }
      return readsLikeContainer(String(c.value)) ? wrap(`${TEXT} AND ${VALUE} = ?`, [path, path, c.value]) : wrap(`${VALUE} = ?`, [path, c.value]);
    case 'in': {
      const strings = (c.values ?? []).filter((v) => typeof v === 'string');
      const numbers = (c.values ?? []).filter((v) => typeof v === 'number');
      if (!strings.some(readsLikeContainer) && !numbers.some(readsLikeBoolean)) {
        return wrap(`${VALUE} IN (${[...strings, ...numbers].map(() => '?').join(', ')})`, [path, ...strings, ...numbers]);
      }
      const parts: string[] = [];
      const params: unknown[] = [];
      if (strings.length) {
        parts.push(`(${TEXT} AND ${VALUE} IN (${strings.map(() => '?').join(', ')}))`);
        params.push(path, path, ...strings);
      }
      if (numbers.length) {
        parts.push(`(${NUMERIC} AND ${VALUE} IN (${numbers.map(() => '?').join(', ')}))`);
        params.push(path, path, ...numbers);
      }
      return wrap(parts.join(' OR ') || '0', params);
    }
    case 'contains':
      return wrap(
        `CASE json_type(p.attributes, ?) WHEN 'text' THEN instr(${VALUE}, ?) > 0
           WHEN 'array' THEN EXISTS (SELECT 1 FROM json_each(p.attributes, ?) AS j WHERE j.type = 'text' AND j.value = ?)
           ELSE 0 END`,
        [path, path, c.value, path, c.value],
      );
    case 'exists':
      return wrap(`json_type(p.attributes, ?) != 'null'`, [path]);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = c.value as number;
      const range = numericRange(c.op, n);
      // BETWEEN reads the attribute once; a range holding 0 or 1 would take true or false in too.
      if (range && !(range[0] <= 0 && 0 <= range[1]) && !(range[0] <= 1 && 1 <= range[1])) {
        return wrap(`${VALUE} BETWEEN ? AND ?`, [path, ...range]);
      }
      return wrap(`${NUMERIC} AND ${VALUE} ${COMPARE[c.op]} ?`, [path, path, n]);
    }
    case 'before':
    case 'after':
      return wrap(`${DATE_TEXT} AND ${EPOCH} ${c.op === 'before' ? '<' : '>'} ?`, [path, path, toEpochSeconds(String(c.value))]);
    case 'withinLastDays': {
      const to = now.getTime() / 1000;
      return wrap(`${DATE_TEXT} AND ${EPOCH} BETWEEN ? AND ?`, [path, path, to - (c.days ?? 0) * 86400, to]);
    }
  }
}

/** Has a valid push token for any of these apps (on the platform, where one is given). */
function reachable(conditions: ReachableCondition[]): CompiledRule {
  const params: unknown[] = [];
  const which = conditions.map((c) => {
    params.push(c.appId);
    if (!c.platform) return 'app_id = ?';
    params.push(c.platform);
    return '(app_id = ? AND platform = ?)';
  });
  return { where: `p.id IN (SELECT profile_id FROM push_registrations WHERE (${which.join(' OR ')}) AND status = 'valid')`, params };
}

export function compileRule(rule: Rule, now: Date): CompiledRule {
  switch (rule.kind) {
    case 'and':
    case 'or': {
      if (rule.rules.length === 0) return { where: rule.kind === 'and' ? '1' : '0', params: [] };
      // Reachable on any of several apps: one pass over the registrations, not one per app (each a scan of them all).
      const reach = rule.kind === 'or' ? rule.rules.filter((r) => r.kind === 'reachable') : [];
      const parts = (reach.length > 1 ? rule.rules.filter((r) => r.kind !== 'reachable') : rule.rules).map((r) => compileRule(r, now));
      if (reach.length > 1) parts.push(reachable(reach));
      return { where: `(${parts.map((p) => p.where).join(rule.kind === 'and' ? ' AND ' : ' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    case 'not': {
      const inner = compileRule(rule.rule, now);
      return { where: `(NOT ${inner.where})`, params: inner.params };
    }
    case 'attribute':
      return attribute(rule, now);
    case 'event':
      return {
        where:
          'p.id IN (SELECT profile_id FROM experience_events WHERE type = ? AND timestamp >= ? GROUP BY profile_id HAVING count(*) >= ?)',
        params: [rule.type, new Date(now.getTime() - rule.inLastDays * DAY_MS).toISOString(), rule.atLeast],
      };
    case 'reachable':
      return reachable([rule]);
    case 'testProfile':
      return { where: 'p.is_test = 1', params: [] };
  }
}
