import Handlebars from 'handlebars';

/**
 * Personalisation: Handlebars syntax, evaluated by this small interpreter over the template's parsed
 * tree instead of Handlebars' own compiler. Why:
 * - Handlebars compiles templates into JavaScript with `new Function`, which the studio's CSP
 *   (no 'unsafe-eval') forbids in the renderer, and which is code generation from marketer text;
 *   interpreting the tree runs no generated code anywhere (preview, CLI, sender alike).
 * - Lookups read own properties of plain objects and arrays only: no prototype, no `constructor`,
 *   no `__proto__`, no functions (Handlebars' runtime options allowProtoPropertiesByDefault /
 *   allowProtoMethodsByDefault, made absolute).
 * - Text is never HTML-escaped (a push is not HTML): `{{x}}` and `{{{x}}}` are the same. Output is
 *   plain text that the payload builder puts into JSON with JSON.stringify, which escapes it safely.
 * - A missing value renders as the empty string (or the `default` helper's fallback), never
 *   "undefined" or "null", and is reported so the composer can warn about it.
 */

export interface TemplateScope {
  profile?: unknown;
  event?: unknown;
}

export interface FormatOptions {
  /** BCP 47 locale for dates and numbers (default en-US). */
  locale?: string;
  /** IANA time zone for dates (default UTC), so the preview and the sender agree. */
  timeZone?: string;
}

export interface TemplateResult {
  text: string;
  /** Paths that had no value and no default, e.g. "profile.person.firstName". */
  missing: string[];
  /** A syntax or usage error, in words; text is then the template unrendered. */
  error?: string;
}

type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;

const MAX_OUTPUT = 20_000;
const MAX_EACH = 1_000;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

export class TemplateError extends Error {}

const MISSING = Symbol('missing');
type Value = unknown;

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads one own property of a plain object or array, or MISSING. */
function own(value: unknown, key: string): Value {
  if (FORBIDDEN_KEYS.has(key) || !isPlainContainer(value)) return MISSING;
  if (!Object.prototype.hasOwnProperty.call(value, key)) return MISSING;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'function' || typeof found === 'symbol' ? MISSING : found;
}

const isEmpty = (value: Value) => value === MISSING || value === undefined || value === null || value === '';
const truthy = (value: Value) => !isEmpty(value) && value !== false && value !== 0 && !(Array.isArray(value) && value.length === 0);

// Parsed templates are cached: the preview re-renders on every keystroke.
const cache = new Map<string, hbs.AST.Program>();
function parse(template: string): hbs.AST.Program {
  let program = cache.get(template);
  if (!program) {
    try {
      program = Handlebars.parse(template);
    } catch (error) {
      const message = (error as Error).message.split('\n');
      throw new TemplateError(`Template syntax: ${message[0]}${message.at(-1) && message.length > 1 ? ` (${message.at(-1)!.trim()})` : ''}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(template, program);
  }
  return program;
}

/** Is the text a template at all? Plain text skips parsing entirely. */
export const hasExpressions = (text: string) => text.includes('{{');

interface Frame {
  context: Value;
  data: Record<string, Value>;
}

type Helper = (args: Value[], hash: Record<string, Value>, options: FormatOptions) => Value;

function toText(value: Value): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  return '';
}

function toDate(value: Value): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(typeof value === 'number' && value < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function toNumber(value: Value): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const compare = (args: Value[], test: (a: number | string, b: number | string) => boolean) => {
  const [a, b] = args;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return test(na, nb);
  return test(toText(a), toText(b));
};

const DATE_STYLES = new Set(['short', 'medium', 'long', 'full']);

/** The helpers a template may call. Nothing else is callable. */
export const helpers: Record<string, Helper> = {
  default: (args) => args.find((a) => !isEmpty(a)) ?? '',
  upper: ([v], _h, o) => toText(v).toLocaleUpperCase(o.locale ?? 'en-US'),
  lower: ([v], _h, o) => toText(v).toLocaleLowerCase(o.locale ?? 'en-US'),
  capitalize: ([v], _h, o) => {
    const s = toText(v);
    return s.charAt(0).toLocaleUpperCase(o.locale ?? 'en-US') + s.slice(1);
  },
  trim: ([v]) => toText(v).trim(),
  truncate: ([v, n]) => {
    const s = toText(v);
    const max = toNumber(n) ?? s.length;
    const chars = Array.from(s);
    return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…` : s;
  },
  /** {{formatDate event.date "medium"}}, {{formatDate profile.birthday "long" time=false}}. */
  formatDate: ([v, style], hash, o) => {
    const date = toDate(v);
    if (!date) return isEmpty(v) ? '' : toText(v);
    const dateStyle = typeof style === 'string' && DATE_STYLES.has(style) ? (style as 'short') : 'medium';
    return new Intl.DateTimeFormat(o.locale ?? 'en-US', {
      dateStyle,
      ...(hash.time === true ? { timeStyle: 'short' } : {}),
      timeZone: o.timeZone ?? 'UTC',
    }).format(date);
  },
  /** {{formatNumber profile.points}}, {{formatNumber cart.total currency="EUR"}}, decimals=0, percent=true. */
  formatNumber: ([v], hash, o) => {
    const n = toNumber(v);
    if (n === undefined) return isEmpty(v) ? '' : toText(v);
    const decimals = toNumber(hash.decimals);
    const currency = typeof hash.currency === 'string' && /^[A-Za-z]{3}$/.test(hash.currency) ? hash.currency.toUpperCase() : undefined;
    const digits = decimals === undefined ? {} : { minimumFractionDigits: Math.min(20, Math.max(0, decimals)), maximumFractionDigits: Math.min(20, Math.max(0, decimals)) };
    return new Intl.NumberFormat(o.locale ?? 'en-US', {
      ...(currency ? { style: 'currency', currency } : hash.percent === true ? { style: 'percent' } : {}),
      ...digits,
    }).format(n);
  },
  eq: (args) => compare(args, (a, b) => a === b),
  ne: (args) => compare(args, (a, b) => a !== b),
  gt: (args) => compare(args, (a, b) => a > b),
  gte: (args) => compare(args, (a, b) => a >= b),
  lt: (args) => compare(args, (a, b) => a < b),
  lte: (args) => compare(args, (a, b) => a <= b),
  and: (args) => args.every(truthy),
  or: (args) => args.some(truthy),
  not: ([v]) => !truthy(v),
};

export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
export const HELPER_NAMES = [...Object.keys(helpers), ...BLOCK_HELPERS];

class Interpreter {
  out = '';
  missing = new Set<string>();
  private depth = 0;

  constructor(
    private readonly root: Record<string, Value>,
    private readonly options: FormatOptions,
  ) {}

  program(program: hbs.AST.Program | undefined, frames: Frame[]): void {
    if (!program) return;
    if (++this.depth > MAX_DEPTH) throw new TemplateError('The template nests too deeply.');
    for (const statement of program.body) this.statement(statement, frames);
    this.depth -= 1;
  }

  private write(text: string) {
    this.out += text;
    if (this.out.length > MAX_OUTPUT) throw new TemplateError(`The text grows past ${MAX_OUTPUT} characters.`);
  }

  private statement(node: Node, frames: Frame[]): void {
    switch (node.type) {
      case 'ContentStatement':
        this.write((node as hbs.AST.ContentStatement).value);
        return;
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        const value = this.call(m.path, m.params, m.hash, frames);
        if (value === MISSING && m.path.type === 'PathExpression') this.missing.add((m.path as hbs.AST.PathExpression).original);
        this.write(toText(value));
        return;
      }
      case 'BlockStatement':
        this.block(node as hbs.AST.BlockStatement, frames);
        return;
      default:
        throw new TemplateError(`${node.type.replace(/Statement$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}s are not supported in push templates.`);
    }
  }

  private block(node: hbs.AST.BlockStatement, frames: Frame[]): void {
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const args = node.params.map((p) => this.expr(p, frames));
    const [first] = args;
    const frame = frames.at(-1)!;
    switch (name) {
      case 'if':
        this.program(truthy(first) ? node.program : node.inverse, frames);
        return;
      case 'unless':
        this.program(truthy(first) ? node.inverse : node.program, frames);
        return;
      case 'with':
        if (truthy(first)) this.program(node.program, [...frames, { context: first, data: frame.data }]);
        else this.program(node.inverse, frames);
        return;
      case 'each': {
        const entries: [string | number, Value][] = Array.isArray(first)
          ? first.map((v, i) => [i, v])
          : isPlainContainer(first)
            ? Object.keys(first).filter((k) => !FORBIDDEN_KEYS.has(k)).map((k) => [k, (first as Record<string, Value>)[k]])
            : [];
        if (entries.length === 0) {
          this.program(node.inverse, frames);
          return;
        }
        entries.slice(0, MAX_EACH).forEach(([key, value], index) => {
          const data = { ...frame.data, index, key, first: index === 0, last: index === entries.length - 1 };
          this.program(node.program, [...frames, { context: value, data }]);
        });
        return;
      }
      default:
        throw new TemplateError(`"{{#${name}}}" is not a block helper here: use #if, #unless, #each or #with.`);
    }
  }

  private call(path: Expr, params: Expr[], hash: hbs.AST.Hash | undefined, frames: Frame[]): Value {
    if (path.type === 'PathExpression') {
      const p = path as hbs.AST.PathExpression;
      const helper = p.parts.length === 1 && !p.data && p.depth === 0 ? helpers[p.parts[0]!] : undefined;
      if (helper && Object.prototype.hasOwnProperty.call(helpers, p.parts[0]!)) {
        const args = params.map((e) => this.expr(e, frames));
        const named: Record<string, Value> = {};
        for (const pair of hash?.pairs ?? []) named[pair.key] = this.expr(pair.value, frames);
        return helper(args, named, this.options);
      }
      if (params.length > 0 || (hash?.pairs.length ?? 0) > 0) throw new TemplateError(`"${p.original}" is not a helper. Helpers: ${Object.keys(helpers).join(', ')}.`);
      if ((BLOCK_HELPERS as readonly string[]).includes(p.original)) throw new TemplateError(`"${p.original}" is a block helper: write {{#${p.original} ...}}...{{/${p.original}}}.`);
    }
    return this.expr(path, frames);
  }

  expr(node: Expr, frames: Frame[]): Value {
    switch (node.type) {
      case 'StringLiteral':
        return (node as hbs.AST.StringLiteral).value;
      case 'NumberLiteral':
        return (node as hbs.AST.NumberLiteral).value;
      case 'BooleanLiteral':
        return (node as hbs.AST.BooleanLiteral).value;
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return MISSING;
      case 'SubExpression': {
        const s = node as hbs.AST.SubExpression;
        return this.call(s.path, s.params, s.hash, frames);
      }
      case 'PathExpression':
        return this.lookup(node as hbs.AST.PathExpression, frames);
      default:
        throw new TemplateError(`Unsupported expression ${node.type}.`);
    }
  }

  private lookup(path: hbs.AST.PathExpression, frames: Frame[]): Value {
    const frame = frames[Math.max(0, frames.length - 1 - path.depth)]!;
    const parts = [...path.parts];
    let value: Value;
    if (path.data) {
      const head = parts.shift()!;
      value = head === 'root' ? this.root : Object.prototype.hasOwnProperty.call(frame.data, head) ? frame.data[head] : MISSING;
    } else if (frames.length > 1 && path.depth === 0 && parts.length > 0 && !path.original.startsWith('this') && !path.original.startsWith('.') && own(frame.context, parts[0]!) === MISSING && own(this.root, parts[0]!) !== MISSING) {
      // Inside #each / #with, a path that the current item lacks but the root has (profile..., event...).
      value = this.root;
    } else {
      value = frame.context;
    }
    for (const part of parts) {
      value = own(value, part);
      if (value === MISSING) return MISSING;
    }
    return value;
  }
}

/** Renders one template against a profile and an entry event. Never throws. */
export function renderTemplate(template: string, scope: TemplateScope, options: FormatOptions = {}): TemplateResult {
  if (!hasExpressions(template)) return { text: template, missing: [] };
  const root: Record<string, Value> = Object.create(null);
  root.profile = scope.profile ?? {};
  root.event = scope.event ?? {};
  const interpreter = new Interpreter(root, options);
  try {
    interpreter.program(parse(template), [{ context: root, data: {} }]);
    return { text: interpreter.out, missing: [...interpreter.missing] };
  } catch (error) {
    if (error instanceof TemplateError) return { text: template, missing: [], error: error.message };
    throw error;
  }
}

/**
 * Every attribute path in a set of sample objects ("profile.person.firstName", ...): the insert-field
 * picker and autocomplete offer these.
 */
export function attributePaths(prefix: string, value: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8 || into.size > 2000) return into;
  if (isPlainContainer(value) && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) || !/^[A-Za-z_$][\w$-]*$/.test(key)) continue;
      attributePaths(`${prefix}.${key}`, value[key], into, depth + 1);
    }
  } else if (depth > 0) {
    into.add(prefix);
  }
  return into;
}
