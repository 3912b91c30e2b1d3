/** Pipelines shipped with odw (`<package>/pipelines/*.yml`) and how a pipeline reference resolves. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';

/** The odw package root: the nearest folder above this module holding package.json. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export const schemaPath = join(packageRoot, 'schemas', 'pipeline.schema.json');

/** Names of the shipped pipelines, sorted. */
export function shippedPipelines(): string[] {
  const dir = join(packageRoot, 'pipelines');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.slice(0, -'.yml'.length))
    .sort();
}

/** Path of a shipped pipeline, or undefined. */
export function shippedPipeline(name: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) return undefined;
  const file = join(packageRoot, 'pipelines', `${name}.yml`);
  return isFile(file) ? file : undefined;
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * An existing file path → its absolute path; `odw:<name>` or the bare name of a shipped pipeline →
 * its path; anything else is a UserError that lists the shipped pipelines.
 */
export function resolvePipelineRef(ref: string, cwd: string): string {
  if (ref.startsWith('odw:')) {
    const file = shippedPipeline(ref.slice(4));
    if (file) return file;
    throw notFound(`no pipeline named "${ref.slice(4)}" is shipped with odw`);
  }
  const path = resolve(cwd, ref);
  if (isFile(path)) return path;
  const shipped = shippedPipeline(ref);
  if (shipped) return shipped;
  throw notFound(existsSync(path) ? `${ref} is not a file` : `pipeline file not found: ${ref}`);
}

function notFound(message: string): UserError {
  const names = shippedPipelines();
  const hint = names.length > 0 ? `shipped pipelines: ${names.join(', ')} (use odw:<name>)` : undefined;
  return new UserError(message, hint);
}
