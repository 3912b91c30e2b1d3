/** Rules about the stage list itself: it exists, every stage has a kind, ids are unique and readable. */
import type { ConfigError } from '../errors.js';
import { formatPath, type Segment } from '../path.js';
import { FORBIDDEN } from '../expression.js';
import { closest } from '../suggest.js';
import { definitionOf } from '../../stages/kinds.js';
import { allStages, inputNames, type Rule } from './context.js';

export const stagesPresent: Rule = ({ spec, loc }) => {
  // A misspelt `stages` key is reported by the schema, with a did-you-mean.
  if (spec.stages !== undefined || Object.keys(spec).some((k) => closest(k, ['stages']))) return [];
  return [loc.error([], 'missing required key "stages"', 'a pipeline needs at least one stage')];
};

export const stageKind: Rule = ({ spec, loc, appended }) =>
  allStages(spec)
    .filter(({ stage }) => !('uses' in stage) && !('loop' in stage) && !('stages' in stage))
    .map(({ stage, id, segments }) => {
      const name = id === undefined ? 'a stage' : `stage "${id}"`;
      const hint = appended.has(stage) && id !== undefined ? `no stage "${id}" in the extended pipeline to override` : undefined;
      return loc.error(segments, `${name} needs "uses" (its kind) or "loop" (a loop group)`, hint);
    });

export const uniqueIds: Rule = ({ spec, loc }) => {
  const first = new Map<string, Segment[]>();
  const errors: ConfigError[] = [];
  for (const { id, segments } of allStages(spec)) {
    if (id === undefined) continue;
    const seen = first.get(id);
    if (seen) errors.push(loc.error([...segments, 'id'], `duplicate stage id "${id}"`, `first used at ${formatPath(seen)}`));
    else first.set(id, segments);
  }
  return errors;
};

/** A stage id or input name that expressions and templates could not read (`stages.constructor` is null). */
export const reservedNames: Rule = ({ spec, loc }) => {
  const reserved = (name: string, segments: Segment[]): ConfigError =>
    loc.error(segments, `"${name}" is reserved: expressions and templates cannot read it`, 'choose another name');
  return [
    ...inputNames(spec)
      .filter((name) => FORBIDDEN.has(name))
      .map((name) => reserved(name, ['inputs', name])),
    ...allStages(spec).flatMap(({ id, segments }) => (id !== undefined && FORBIDDEN.has(id) ? [reserved(id, [...segments, 'id'])] : [])),
  ];
};

/**
 * Loop groups do not nest: a stage's record, log and patches are keyed by its round, and an inner
 * loop's rounds would repeat in every outer round.
 */
export const flatLoops: Rule = ({ spec, loc }) =>
  allStages(spec)
    .filter(({ stage, groups }) => groups.length > 0 && ('loop' in stage || 'stages' in stage))
    .map(({ stage, id, segments, groups }) =>
      loc.error(
        [...segments, 'loop' in stage ? 'loop' : 'stages'],
        `loop group "${String(id)}" is inside loop group "${groups[groups.length - 1]}"`,
        `a loop group repeats stages of a kind; put "${String(id)}" beside "${groups[groups.length - 1]}", with needs to order them`,
      ),
    );

/** Keys a stage would ignore: `runtime` where no agent is called, `with` on a loop group. */
export const ignoredKeys: Rule = ({ spec, loc }) =>
  allStages(spec).flatMap(({ stage, segments }) => {
    const group = !('uses' in stage) && ('loop' in stage || 'stages' in stage);
    const kind = typeof stage.uses === 'string' ? stage.uses : undefined;
    const def = definitionOf(kind);
    const out = [];
    if (stage.runtime !== undefined && (group || def?.agents === false)) {
      const what = group ? 'a loop group' : `a${/^[aeiou]/.test(kind!) ? 'n' : ''} ${kind!} stage`;
      const hint = group ? 'set it on the agent stages inside the group' : 'remove it';
      out.push(loc.error([...segments, 'runtime'], `${what} calls no agent, so "runtime" would have no effect`, hint));
    }
    if (group && stage.with !== undefined) {
      out.push(
        loc.error([...segments, 'with'], 'a loop group has no settings, so "with" would have no effect', 'put the settings on the stages inside the group'),
      );
    }
    return out;
  });
