/** Conditions parse, and name only declared inputs and existing stages, upstream ones (reads.ts); `loop.max` reads only inputs. */
import type { ConfigError } from '../errors.js';
import { evaluate, ExpressionError, parseExpression, references, roots, statusFunctions, type Expr } from '../expression.js';
import { isObject, type Segment } from '../path.js';
import { didYouMean } from '../suggest.js';
import { allStages, inputNames, type Rule, type StageEntry } from './context.js';
import { readable } from './reads.js';

export const expressions: Rule = ({ spec, loc }) => {
  const inputs = inputNames(spec);
  const stages = allStages(spec);
  const ids = stages.flatMap((s) => (s.id === undefined ? [] : [s.id]));
  const canRead = readable(spec, stages);
  const errors: ConfigError[] = [];
  const check = (source: unknown, segments: Segment[], onlyInputs = false, statusAllowed = false, entry?: StageEntry, inUntil = false): void => {
    // An empty string is the schema's to report; a blank one is an empty expression.
    if (typeof source !== 'string' || source === '') return;
    let expr: Expr;
    try {
      expr = parseExpression(source);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      errors.push(loc.error(segments, `${e.message} at column ${e.column}`));
      return;
    }
    if (onlyInputs && roots(expr).some((r) => r !== 'inputs')) {
      errors.push(loc.error(segments, 'may only use inputs (it is computed before the first round)'));
      return;
    }
    if (onlyInputs && roots(expr).length === 0) {
      // A ceiling that reads no input is known now: check it as a run would.
      const value = evaluate(expr, {});
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) {
        const hint = 'write a number, or an expression over inputs such as inputs.maxRounds';
        errors.push(loc.error(segments, `is ${JSON.stringify(value)}, not a whole number of rounds from 1 to 100`, hint));
      }
      return;
    }
    const status = statusFunctions(expr);
    if (!statusAllowed && status.length) {
      errors.push(loc.error(segments, `${status[0]}() is only for a stage's "when" (it asks whether an earlier stage failed)`));
      return;
    }
    if (entry && !inUntil && entry.groups.length === 0 && roots(expr).includes('loop')) {
      errors.push(loc.error(segments, '"loop" is set only inside a loop group (and in its until)', 'outside a loop, loop.round and loop.max are always null'));
    }
    const refs = references(expr);
    for (const name of refs.inputs.filter((n) => !inputs.includes(n))) {
      errors.push(loc.error(segments, `unknown input "${name}"`, didYouMean(name, inputs) ?? 'declare it under "inputs:"'));
    }
    for (const id of refs.stages.filter((n) => !ids.includes(n))) {
      errors.push(loc.error(segments, `unknown stage "${id}"`, didYouMean(id, ids)));
    }
    for (const id of new Set(refs.stages.filter((n) => ids.includes(n)))) {
      if (!entry || canRead(entry, id, inUntil)) continue;
      const { message, hint } = canRead.problem(entry, id);
      errors.push(loc.error(segments, message, hint));
    }
  };
  for (const entry of stages) {
    const { stage, segments } = entry;
    check(stage.when, [...segments, 'when'], false, true, entry);
    if (isObject(stage.loop)) {
      check(stage.loop.until, [...segments, 'loop', 'until'], false, false, entry, true);
      check(stage.loop.max, [...segments, 'loop', 'max'], true);
    }
  }
  return errors;
};
