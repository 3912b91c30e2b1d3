/** A mistake in a pipeline, located in the file that contains the offending text. */
import { isAbsolute, relative } from 'node:path';

export interface ConfigError {
  /** Absolute path of the file holding the offending text. */
  file: string;
  /** 1-based; 0 when the mistake has no position (e.g. the file does not exist). */
  line: number;
  col: number;
  /** Readable path inside the pipeline, e.g. `stages[2].with.run`; empty for the whole file. */
  path: string;
  message: string;
  hint?: string;
}

/** Shows `file` relative to `cwd` when it lies under it. */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** `file:line:col path: message (hint: …)`. */
export function formatConfigError(e: ConfigError, cwd: string): string {
  return `${displayPath(e.file, cwd)}${formatTail(e)}`;
}

/** The part after `file`: `:line:col path: message (hint: …)`. */
function formatTail(e: ConfigError): string {
  const pos = e.line > 0 ? `:${e.line}:${e.col}` : '';
  const path = e.path ? ` ${e.path}` : '';
  const hint = e.hint ? ` (hint: ${e.hint})` : '';
  return `${pos}${path}: ${e.message}${hint}`;
}

/** Orders errors by file, then position, and drops exact duplicates. */
export function sortErrors(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  const out: ConfigError[] = [];
  for (const e of errors) {
    const key = `${e.file}\0${e.line}\0${e.col}\0${e.path}\0${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.path.localeCompare(b.path));
}

/** Thrown by callers that prefer exceptions (e.g. `odw run`); carries every error. */
export class ConfigErrors extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(`${errors.length} error${errors.length === 1 ? '' : 's'} in pipeline`);
    this.name = 'ConfigErrors';
  }

  format(cwd: string): string {
    return this.errors.map((e) => formatConfigError(e, cwd)).join('\n');
  }
}
