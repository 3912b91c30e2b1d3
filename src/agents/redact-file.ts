/** Rewrites a file that odw did not write itself (an agent's answer.json, a stage log, a patch) redacted. */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/fs.js';
import { createRedactor, type Secret } from './redact.js';

/**
 * Redacts the file in place when it holds a secret value; every other byte stays as it was (the
 * file is read and written as bytes). Returns true when it changed; a missing file is left alone.
 */
export function redactFile(file: string, secrets: readonly (string | Secret)[]): boolean {
  if (!secrets.length || !existsSync(file)) return false;
  const bytes = (s: string | Secret) => Buffer.from(typeof s === 'string' ? s : s.value, 'utf8').toString('latin1');
  const redact = createRedactor(secrets.map(bytes));
  const text = readFileSync(file).toString('latin1');
  const clean = redact(text);
  if (clean === text) return false;
  writeFileAtomic(file, Buffer.from(clean, 'latin1'));
  return true;
}
