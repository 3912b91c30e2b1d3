/** Turns `--input key=value` / `--input key=@path` flags into typed input values, checked against the pipeline's declarations. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Input } from '../config/pipeline.generated.js';
import { UserError } from '../util/errors.js';
import { closest } from '../config/suggest.js';

export interface ResolvedInputs {
  values: Record<string, unknown>;
  /** Content of `file` inputs, by name. */
  files: Record<string, string>;
}

export function parseInputFlags(flags: string[]): Map<string, string> {
  const raw = new Map<string, string>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError(`--input ${flag}: expected key=value or key=@path`, 'e.g. --input request="add a --verbose flag"');
    raw.set(flag.slice(0, eq), flag.slice(eq + 1));
  }
  return raw;
}

export function resolveInputs(declared: Record<string, Input>, raw: Map<string, string>, cwd: string): ResolvedInputs {
  const values: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  for (const key of raw.keys()) {
    if (!(key in declared)) {
      const names = Object.keys(declared);
      const guess = closest(key, names);
      throw new UserError(
        `--input ${key}: the pipeline declares no input "${key}"`,
        guess ? `did you mean "${guess}"?` : names.length ? `declared inputs: ${names.join(', ')}` : 'this pipeline declares no inputs',
      );
    }
  }
  for (const [name, decl] of Object.entries(declared)) {
    const given = raw.get(name);
    if (given === undefined) {
      if (decl.default !== undefined) values[name] = decl.default;
      else if (decl.required) throw new UserError(`input "${name}" is required`, `pass --input ${name}=…${decl.description ? ` (${decl.description})` : ''}`);
      else values[name] = decl.type === 'boolean' ? false : decl.type === 'number' ? null : '';
    } else {
      values[name] = convert(name, decl, given, cwd);
    }
    if (decl.type === 'file' && values[name]) files[name] = readInputFile(name, String(values[name]), cwd);
  }
  return { values, files };
}

function convert(name: string, decl: Input, given: string, cwd: string): unknown {
  const fromFile = given.startsWith('@');
  const text = fromFile ? given.slice(1) : given;
  switch (decl.type) {
    case 'file':
      return resolve(cwd, text);
    case 'string':
      return fromFile ? readInputFile(name, text, cwd) : text;
    case 'number': {
      const value = fromFile ? readInputFile(name, text, cwd) : text;
      const n = Number(value);
      // Number('') is 0: an empty value, given or read from a file, is no number.
      if (value.trim() === '' || !Number.isFinite(n)) throw new UserError(`--input ${name}=${given}: expected a number`);
      return n;
    }
    case 'boolean': {
      const v = (fromFile ? readInputFile(name, text, cwd) : text).trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(v)) return true;
      if (['false', 'no', '0', 'off', ''].includes(v)) return false;
      throw new UserError(`--input ${name}=${given}: expected true or false`);
    }
  }
}

function readInputFile(name: string, path: string, cwd: string): string {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new UserError(`input "${name}": file not found: ${relative(cwd, abs) || abs}`, 'paths are relative to the directory odw runs in');
  }
  return readFileSync(abs, 'utf8');
}
