/**
 * Every runtime profile a stage would call is declared: the ones stages and their agents (a
 * review's reviewers: the definition's `agentList`) name, and
 * the default of each agent kind (`planner`, `implementer`, `reviewer`) where none is named.
 */
import type { ConfigError } from '../errors.js';
import { isObject, type Segment } from '../path.js';
import { didYouMean } from '../suggest.js';
import { defaultRuntime, definitionOf } from '../../stages/kinds.js';
import { allStages, keysOf, type Rule } from './context.js';

export const runtimes: Rule = ({ spec, loc }) => {
  const names = keysOf(spec.runtimes);
  const errors: ConfigError[] = [];
  const check = (name: unknown, segments: Segment[]): void => {
    if (typeof name !== 'string' || names.includes(name)) return;
    const hint = didYouMean(name, names) ?? (names.length ? `declared runtimes: ${names.join(', ')}` : 'declare it under "runtimes:"');
    errors.push(loc.error(segments, `unknown runtime "${name}"`, hint));
  };
  const checkDefault = (kind: string, segments: Segment[], who: string): void => {
    const name = defaultRuntime(kind);
    if (name === undefined || names.includes(name)) return;
    const hint = `declare runtimes.${name}, or give the ${who} a \`runtime\`${names.length ? ` (declared: ${names.join(', ')})` : ''}`;
    errors.push(loc.error(segments, `${who} uses the runtime "${name}" (the default of a ${kind} stage), which is not declared`, hint));
  };
  for (const { stage, segments } of allStages(spec)) {
    check(stage.runtime, [...segments, 'runtime']);
    const w = isObject(stage.with) ? stage.with : {};
    const listKey = definitionOf(typeof stage.uses === 'string' ? stage.uses : undefined)?.agentList;
    const agents = listKey === undefined ? undefined : w[listKey];
    if (Array.isArray(agents)) {
      agents.forEach((r, i) => isObject(r) && check(r.runtime, [...segments, 'with', listKey!, i, 'runtime']));
    }
    if (typeof stage.uses !== 'string' || defaultRuntime(stage.uses) === undefined || stage.runtime !== undefined) continue;
    // A plan stage given a literal tasks document never calls its planner.
    if (stage.uses === 'plan' && typeof w.tasks === 'string' && w.tasks.trim() !== '' && !w.tasks.includes('{{')) continue;
    if (Array.isArray(agents) && agents.length) {
      // `reviewers` → `reviewer "security"`.
      const who = listKey!.replace(/s$/, '');
      agents.forEach((r, i) => {
        if (isObject(r) && r.runtime === undefined) checkDefault(stage.uses as string, [...segments, 'with', listKey!, i], `${who} "${String(r.id)}"`);
      });
      continue;
    }
    checkDefault(stage.uses, [...segments, 'uses'], `stage "${String(stage.id)}"`);
  }
  return errors;
};
