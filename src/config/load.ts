/**
 * Loads a pipeline: find the file → YAML → extends → JSON Schema → semantic rules. Returns the
 * resolved pipeline, or every mistake at once. Pure apart from reading files.
 */
import { basename, dirname, extname } from 'node:path';
import { UserError } from '../util/errors.js';
import { sortErrors, type ConfigError } from './errors.js';
import { resolveExtends } from './extends.js';
import { Locator } from './origins.js';
import { isObject, type Segment } from './path.js';
import type { OdwPipeline } from './pipeline.generated.js';
import { rules } from './rules/index.js';
import { schemaErrors } from './schema.js';
import { resolvePipelineRef } from './shipped.js';
import { promptFiles, readTemplates, type PromptRef } from './templates.js';

export interface ResolvedPipeline {
  /** Absolute path of the top pipeline file. */
  file: string;
  /** Its folder. */
  dir: string;
  /** spec.name, else the file's basename without extension. */
  name: string;
  /** Merged over the extends chain, `extends` removed, `needs` normalised to string[], prompt files absolute. */
  spec: OdwPipeline;
  /** Every file read: the pipeline chain and template files. */
  sources: string[];
  /** Absolute template path → content. */
  templates: Record<string, string>;
}

export type LoadResult = { ok: true; pipeline: ResolvedPipeline } | { ok: false; errors: ConfigError[] };

export interface FileValidation {
  /** The file as given on the command line. */
  file: string;
  valid: boolean;
  errors: ConfigError[];
}

export async function loadPipeline(ref: string, opts: { cwd: string }): Promise<LoadResult> {
  let file: string;
  try {
    file = resolvePipelineRef(ref, opts.cwd);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const error: ConfigError = { file: ref, line: 0, col: 0, path: '', message: e.message };
    if (e.hint) error.hint = e.hint;
    return { ok: false, errors: [error] };
  }

  const chain = await resolveExtends(file, opts.cwd);
  if (!chain.spec) return { ok: false, errors: sortErrors(chain.errors) };
  const spec = chain.spec;
  const loc = new Locator(spec, chain.origins, chain.files);

  const schema = schemaErrors(spec, loc);
  const prompts = promptFiles(spec, loc);
  const read = await readTemplates(prompts, loc);
  const ctx = { spec, loc, appended: chain.appended, templates: read.templates };
  // A rule error at a path the schema already rejected would repeat the same mistake.
  const rejected = new Set(schema.map((e) => e.path));
  const semantic = rules.flatMap((rule) => rule(ctx)).filter((e) => !rejected.has(e.path));
  const errors = [...chain.errors, ...schema, ...read.errors, ...semantic];
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };

  const templates = Object.fromEntries(read.templates);
  return {
    ok: true,
    pipeline: {
      file,
      dir: dirname(file),
      name: typeof spec.name === 'string' && spec.name.trim() !== '' ? spec.name : basename(file, extname(file)),
      spec: normalise(spec, prompts),
      sources: [...chain.chain, ...Object.keys(templates)],
      templates,
    },
  };
}

/** A copy of the merged spec with `needs` as lists and prompt file paths made absolute. */
function normalise(merged: Record<string, unknown>, prompts: PromptRef[]): OdwPipeline {
  const spec = structuredClone(merged);
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const stage of list) {
      if (!isObject(stage)) continue;
      if (typeof stage.needs === 'string') stage.needs = [stage.needs];
      walk(stage.stages);
    }
  };
  walk(spec.stages);
  for (const p of prompts) setAt(spec, p.segments, p.file);
  return spec as OdwPipeline;
}

function setAt(root: unknown, segments: Segment[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const s of segments.slice(0, -1)) cur = cur[s] as Record<string | number, unknown>;
  cur[segments[segments.length - 1]] = value;
}

/** Validates files one by one (for `odw validate`). */
export async function validateFiles(files: string[], cwd: string): Promise<FileValidation[]> {
  const out: FileValidation[] = [];
  for (const f of files) {
    const result = await loadPipeline(f, { cwd });
    out.push({ file: f, valid: result.ok, errors: result.ok ? [] : result.errors });
  }
  return out;
}
