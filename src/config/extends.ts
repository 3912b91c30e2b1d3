/** Reads a pipeline and the chain of pipelines it extends, and merges them into one mapping. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { displayPath, type ConfigError } from './errors.js';
import { mergePipeline, withoutExtends, type MergeState } from './merge.js';
import { Origins, type Located } from './origins.js';
import { isObject } from './path.js';
import { isFile, shippedPipeline, shippedPipelines } from './shipped.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export interface ExtendsResult {
  /** The merged mapping without `extends`; undefined when a file could not be used. */
  spec?: Record<string, unknown>;
  origins: Origins;
  /** Every pipeline file read, by absolute path. */
  files: Map<string, ParsedYaml>;
  /** The files of the chain, the top file first. */
  chain: string[];
  /** Stages an extending file added with a new id. */
  appended: WeakSet<object>;
  errors: ConfigError[];
}

async function readPipeline(file: string): Promise<ParsedYaml> {
  try {
    return parseYaml(await readFile(file, 'utf8'), file);
  } catch (e) {
    const error: ConfigError = { file, line: 0, col: 0, path: '', message: `cannot read the file: ${(e as Error).message}` };
    return { file, value: undefined, pos: () => ({ line: 0, col: 0 }), errors: [error], fatal: true };
  }
}

/** The file an `extends` value names, or an error message and hint. */
function resolveRef(ref: string, from: string): { file: string } | { message: string; hint?: string } {
  if (ref.startsWith('odw:')) {
    const file = shippedPipeline(ref.slice(4));
    if (file) return { file };
    const names = shippedPipelines();
    return { message: `no pipeline named "${ref.slice(4)}" is shipped with odw`, hint: names.length ? `shipped pipelines: ${names.join(', ')}` : undefined };
  }
  const file = resolve(dirname(from), ref);
  if (isFile(file)) return { file };
  const hint = shippedPipeline(ref) ? `did you mean "odw:${ref}"?` : 'the path is relative to the file that names it';
  return { message: `extended pipeline not found: ${ref}`, hint };
}

export async function resolveExtends(top: string, cwd: string): Promise<ExtendsResult> {
  const origins = new Origins();
  const result: ExtendsResult = { origins, files: new Map(), chain: [], appended: new WeakSet(), errors: [] };
  const fail = (parsed: ParsedYaml, message: string, hint?: string): ExtendsResult => {
    const e: ConfigError = { file: parsed.file, ...parsed.pos(['extends']), path: 'extends', message };
    if (hint) e.hint = hint;
    result.errors.push(e);
    return result;
  };
  let file = top;
  for (;;) {
    const parsed = await readPipeline(file);
    result.files.set(file, parsed);
    result.errors.push(...parsed.errors);
    if (parsed.fatal || !isObject(parsed.value)) return result;
    // Duplicate keys are reported, but the file is still usable (the last value wins).
    result.chain.push(file);
    const ref = parsed.value.extends;
    if (ref === undefined) break;
    if (typeof ref !== 'string' || ref.trim() === '') return fail(parsed, 'must be a pipeline path relative to this file, or odw:<name>');
    const next = resolveRef(ref, file);
    if ('message' in next) return fail(parsed, next.message, next.hint);
    if (result.chain.includes(next.file)) {
      const cycle = [...result.chain.slice(result.chain.indexOf(next.file)), next.file].map((f) => displayPath(f, cwd));
      return fail(parsed, `extends cycle: ${cycle.join(' → ')}`);
    }
    file = next.file;
  }

  const state: MergeState = { origins, appended: new WeakSet() };
  const located = (f: string): Located => {
    const v = result.files.get(f)!.value as object;
    return { v: origins.register(v, { file: f, pointer: [] }), o: { file: f, pointer: [] } };
  };
  const chain = [...result.chain].reverse();
  let merged = withoutExtends(state, located(chain[0]));
  for (const f of chain.slice(1)) merged = mergePipeline(state, merged, located(f));
  result.spec = merged.v as Record<string, unknown>;
  result.appended = state.appended;
  return result;
}
