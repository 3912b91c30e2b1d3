/**
 * The condition language of `when:`, `loop.until` and `loop.max`: `||`, `&&`, `!`, comparisons,
 * parentheses, literals, dotted paths under inputs/stages/run/loop, contains/startsWith/endsWith, and
 * the status functions success()/failure()/always() of a stage's `when`.
 * Evaluation never throws, never runs code and reads only own, non-prototype properties.
 */

export { parseExpression, ExpressionError } from './expression-parse.js';
export type { Expr, Root, StatusName } from './expression-parse.js';
import type { CompareOp, Expr, FunctionName, Root, StatusName } from './expression-parse.js';

export interface ExpressionContext {
  inputs?: unknown;
  stages?: unknown;
  run?: unknown;
  loop?: unknown;
  /** For the status functions: whether an earlier stage (a need, or the run) failed. Absent: nothing failed. */
  status?: { failed: boolean };
}

/** Names that expressions (and templates) never read: a stage or input cannot be called so. */
export const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function own(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object') return null;
  const k = String(key);
  if (FORBIDDEN.has(k) || !Object.prototype.hasOwnProperty.call(value, k)) return null;
  const v = (value as Record<string, unknown>)[k];
  return v === undefined || typeof v === 'function' ? null : v;
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Strict equality, except a number and a numeric string compare as numbers. */
function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = numeric(a);
    const y = numeric(b);
    return typeof a !== typeof b && x !== undefined && y !== undefined && x === y;
  }
  return false;
}

function order(op: CompareOp, a: unknown, b: unknown): boolean {
  let x: number | string | undefined;
  let y: number | string | undefined;
  if (typeof a === 'string' && typeof b === 'string') [x, y] = [a, b];
  else if (typeof a === 'number' || typeof b === 'number') [x, y] = [numeric(a), numeric(b)];
  if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return false;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function call(name: FunctionName, a: unknown, b: unknown): boolean {
  if (name === 'contains' && Array.isArray(a)) return a.some((item) => looseEquals(item, b));
  const [s, t] = [text(a), text(b)];
  if (s === undefined || t === undefined) return false;
  return name === 'contains' ? s.includes(t) : name === 'startsWith' ? s.startsWith(t) : s.endsWith(t);
}

/** Evaluates an expression; a missing property is null. */
export function evaluate(expr: Expr, ctx: ExpressionContext): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      return expr.segments.reduce<unknown>((v, s) => own(v, s), own(ctx, expr.root));
    case 'not':
      return !truthy(evaluate(expr.expr, ctx));
    case 'and':
      return truthy(evaluate(expr.left, ctx)) && truthy(evaluate(expr.right, ctx));
    case 'or':
      return truthy(evaluate(expr.left, ctx)) || truthy(evaluate(expr.right, ctx));
    case 'compare': {
      const [a, b] = [evaluate(expr.left, ctx), evaluate(expr.right, ctx)];
      if (expr.op === '==') return looseEquals(a, b);
      if (expr.op === '!=') return !looseEquals(a, b);
      return order(expr.op, a, b);
    }
    case 'call':
      return call(expr.name, evaluate(expr.args[0], ctx), evaluate(expr.args[1], ctx));
    case 'status': {
      const failed = ctx.status?.failed ?? false;
      return expr.name === 'always' ? true : expr.name === 'failure' ? failed : !failed;
    }
  }
}

/** JavaScript truthiness: null, false, 0, NaN and the empty string are false; everything else, empty lists and maps included, is true. */
export function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v));
}

/** Input names and stage ids an expression reads (`inputs.x`, `stages.y.…`). */
export function references(expr: Expr): { inputs: string[]; stages: string[] } {
  const inputs = new Set<string>();
  const stages = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'path') {
      const first = e.segments[0];
      if (first !== undefined && e.root === 'inputs') inputs.add(String(first));
      if (first !== undefined && e.root === 'stages') stages.add(String(first));
    } else if (e.kind === 'not') walk(e.expr);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind !== 'literal' && e.kind !== 'status') [e.left, e.right].forEach(walk);
  };
  walk(expr);
  return { inputs: [...inputs], stages: [...stages] };
}

/** Roots an expression reads (for `loop.max`, which may read only inputs). */
export function roots(expr: Expr): Root[] {
  const found = new Set<Root>();
  const walk = (e: Expr): void => {
    if (e.kind === 'path') found.add(e.root);
    else if (e.kind === 'not') walk(e.expr);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind !== 'literal' && e.kind !== 'status') [e.left, e.right].forEach(walk);
  };
  walk(expr);
  return [...found];
}

/** The status functions an expression calls; none means `success()` is implied. */
export function statusFunctions(expr: Expr): StatusName[] {
  const found = new Set<StatusName>();
  const walk = (e: Expr): void => {
    if (e.kind === 'status') found.add(e.name);
    else if (e.kind === 'not') walk(e.expr);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind !== 'literal' && e.kind !== 'path') [e.left, e.right].forEach(walk);
  };
  walk(expr);
  return [...found];
}
