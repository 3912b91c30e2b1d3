/**
 * JSON Schema validation of a (merged) pipeline, with one clear, located message per mistake.
 * The validator is ajv's standalone code for schemas/pipeline.schema.json, generated ahead of time
 * (scripts/gen-validator.mjs), so no odw command compiles the schema when it starts.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { ConfigError } from './errors.js';
import type { Locator } from './origins.js';
import { pointerSegments, type Segment } from './path.js';
import { validate as generated } from './pipeline.validate.generated.js';
import { schemaPath } from './shipped.js';
import { didYouMean } from './suggest.js';
import type { Json } from '../util/json.js';

const validate = generated as unknown as ValidateFunction;

/**
 * Words for the schema's own places, read only when a pipeline has mistakes. The standalone code
 * carries its own copies of the schema, so a place is known by its content, not its identity.
 */
interface Hints {
  /** Friendly messages for a failed anyOf, by the schema object that holds it. */
  anyOf: Map<string, string>;
  /** Hints for a missing key, by the schema object that requires it. */
  required: Map<string, string>;
  identifier: string;
}

let cache: Hints | undefined;
const schemaKey = (schema: unknown): string => JSON.stringify(schema ?? null);

function pipelineSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
}

function hints(): Hints {
  if (cache) return cache;
  const defs = (pipelineSchema() as Json).$defs as Json;
  cache = {
    identifier: schemaKey(defs.identifier),
    anyOf: new Map<string, string>([
      [schemaKey(defs.duration), 'must be a duration such as 90s, 30m, 2h or a number of seconds'],
      [schemaKey(defs.stage.properties.needs), 'must be a stage id or a list of stage ids'],
      [schemaKey(defs.loop.properties.max), 'must be a number of rounds from 1 to 100, or an expression such as inputs.maxRounds'],
      [schemaKey(defs['with-exec'].properties.run), 'must be a command or a list of one or more commands'],
    ]),
    required: new Map<string, string>([
      [schemaKey(defs.stage.allOf[0].then), 'a stage with "loop" is a loop group: list the stages it repeats under "stages"'],
      [schemaKey(defs.stage.allOf[1].then), 'a stage with "stages" is a loop group and needs "loop: { max: … }"'],
      [schemaKey(defs.stage.allOf[2].then), 'an exec stage runs the shell commands in "with.run"'],
      [schemaKey(defs.runtime.then), 'a runtime with "agent: command" needs "command: [program, args…]"'],
    ]),
  };
  return cache;
}

/** Settings odw no longer has: what happened, and what to do instead. */
const REMOVED: Record<string, { message: string; hint: string }> = {
  allowDirtyFiles: {
    message:
      '"allowDirtyFiles" was removed: apply never writes over uncommitted changes (nothing but the approved change reaches your tree), so a plan that let tasks own such files could never be applied',
    hint: 'delete the setting; before the run, commit or stash the changes of the files the tasks own (git stash push --include-untracked -- <file>…), and git stash pop after the apply',
  },
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

function typeText(t: unknown): string {
  const types = (Array.isArray(t) ? t : [t]).map(String);
  if (types.length === 1 && types[0] === 'boolean') return 'true or false';
  const list = types.map((x) => (x === 'boolean' ? 'a boolean' : (TYPE_NAMES[x] ?? x)));
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
}

interface Mistake {
  segments: Segment[];
  message: string;
  hint?: string;
  /** The value has the wrong type. */
  wrongType?: boolean;
}

function describe(e: ErrorObject, segments: Segment[]): Mistake {
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  if (e.propertyName !== undefined) {
    return {
      segments: [...segments, e.propertyName],
      message: `"${e.propertyName}" is not a valid name: use letters, digits, _ and -, starting with a letter or _`,
    };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const removed = REMOVED[key];
      if (removed) return { segments: [...segments, key], message: removed.message, hint: removed.hint };
      const allowed = Object.keys((parent.properties ?? {}) as object);
      return { segments: [...segments, key], message: `unknown key "${key}"`, hint: didYouMean(key, allowed) ?? `allowed keys: ${allowed.join(', ')}` };
    }
    case 'required': {
      const key = String(p.missingProperty);
      return { segments, message: `missing required key "${key}"`, hint: hints().required.get(schemaKey(parent)) };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
      return { segments, message: `must be one of: ${allowed.join(', ')}`, hint };
    }
    case 'type':
      return { segments, message: `must be ${typeText(p.type)}`, wrongType: true };
    case 'pattern':
      if (schemaKey(parent) === hints().identifier) return { segments, message: 'must be a name of letters, digits, _ and -, starting with a letter or _' };
      return { segments, message: `must match the pattern ${String(p.pattern)}` };
    case 'minItems':
      return { segments, message: p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} items` };
    case 'minLength':
      return { segments, message: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long` };
    case 'minimum':
      return { segments, message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { segments, message: `must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { segments, message: `must be more than ${String(p.limit)}` };
    case 'not':
      return {
        segments: [...segments, 'uses'],
        message: 'a loop group cannot have "uses"',
        hint: 'a stage either runs a kind (uses) or repeats its stages (loop)',
      };
    default:
      return { segments, message: e.message ?? 'is invalid' };
  }
}

function under(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/** Replaces each failed anyOf and its branch errors by the errors that matter. */
function simplify(errors: ErrorObject[], spec: unknown): Mistake[] {
  const out: Mistake[] = [];
  const list = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const consumed = new Set<ErrorObject>();
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i];
    if (consumed.has(e)) continue;
    const segments = pointerSegments(e.instancePath, spec);
    if (e.keyword !== 'anyOf') {
      out.unshift(describe(e, segments));
      continue;
    }
    // ajv reports the failed branches right before their anyOf.
    const branches: ErrorObject[] = [];
    for (let j = i - 1; j >= 0 && under(list[j].instancePath, e.instancePath); j--) branches.unshift(list[j]);
    branches.forEach((b) => consumed.add(b));
    const deeper = branches.filter((b) => b.instancePath !== e.instancePath);
    const friendly = hints().anyOf.get(schemaKey(e.parentSchema));
    const picked = deeper.length > 0 ? deeper : friendly ? [] : branches.filter((b) => b.keyword !== 'type');
    if (picked.length > 0) out.unshift(...picked.map((b) => describe(b, pointerSegments(b.instancePath, spec))));
    else {
      const types = branches.filter((b) => b.keyword === 'type').map((b) => (b.params as { type: unknown }).type);
      out.unshift({ segments, message: friendly ?? `must be ${typeText(types.flat())}`, wrongType: true });
    }
  }
  return out;
}

/** Schema errors of a merged pipeline, located through its origins. */
export function schemaErrors(spec: object, loc: Locator): ConfigError[] {
  if (validate(spec)) return [];
  const seen = new Set<string>();
  const out: ConfigError[] = [];
  const mistakes = simplify(validate.errors ?? [], spec);
  // A value of the wrong type makes every other complaint about it noise.
  const wrongType = mistakes.filter((m) => m.wrongType).map((m) => m.segments);
  const noise = (m: Mistake): boolean => !m.wrongType && wrongType.some((w) => w.length <= m.segments.length && w.every((s, i) => s === m.segments[i]));
  for (const m of mistakes.filter((x) => !noise(x))) {
    const e = loc.error(m.segments, m.message, m.hint);
    const key = `${e.path}\0${e.message}`;
    if (!seen.has(key)) out.push(e);
    seen.add(key);
  }
  return out;
}
