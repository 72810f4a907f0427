import type { AttributeCondition, Rule } from '../../../shared/domain/audience.js';

/**
 * The rule engine, compiled to SQL over the profile store (table alias `p`). Every value the user
 * typed is a bound parameter; the only identifiers in the SQL are the constants below, and
 * attribute paths become JSON paths (`$."loyalty"."tier"`, each segment already restricted to
 * letters, digits, _ and - by the rule schema), bound as parameters too.
 *
 * Each condition compiles to an expression that is 0 or 1, never NULL, so that `not` means exactly
 * what the in-memory evaluator (evaluate.ts) says it means: the tests hold them to each other.
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
const DATE_TEXT = `${TEXT} AND ${VALUE} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`;
const EPOCH = `unixepoch(${VALUE}, 'subsec')`;

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
      if (typeof c.value === 'number') return wrap(`${NUMERIC} AND ${VALUE} = ?`, [path, path, c.value]);
      return wrap(`${TEXT} AND ${VALUE} = ?`, [path, path, c.value]);
    case 'in': {
      const strings = (c.values ?? []).filter((v) => typeof v === 'string');
      const numbers = (c.values ?? []).filter((v) => typeof v === 'number');
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
    case 'lte':
      return wrap(`${NUMERIC} AND ${VALUE} ${COMPARE[c.op]} ?`, [path, path, c.value]);
    case 'before':
    case 'after':
      return wrap(`${DATE_TEXT} AND ${EPOCH} ${c.op === 'before' ? '<' : '>'} ?`, [path, path, path, toEpochSeconds(String(c.value))]);
    case 'withinLastDays': {
      const to = now.getTime() / 1000;
      return wrap(`${DATE_TEXT} AND ${EPOCH} BETWEEN ? AND ?`, [path, path, path, to - (c.days ?? 0) * 86400, to]);
    }
  }
}

export function compileRule(rule: Rule, now: Date): CompiledRule {
  switch (rule.kind) {
    case 'and':
    case 'or': {
      if (rule.rules.length === 0) return { where: rule.kind === 'and' ? '1' : '0', params: [] };
      const parts = rule.rules.map((r) => compileRule(r, now));
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
      return rule.platform
        ? {
            where: "p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = ? AND platform = ? AND status = 'valid')",
            params: [rule.appId, rule.platform],
          }
        : { where: "p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = ? AND status = 'valid')", params: [rule.appId] };
    case 'testProfile':
      return { where: 'p.is_test = 1', params: [] };
  }
}
