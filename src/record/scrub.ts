/**
 * Files of a run record that odw copies from elsewhere — task patches, stage logs (the output of
 * checks and commands), the agents' answer.json — may hold a secret value; these rewrite them
 * redacted when the run ends. Patches are the change itself, so they are scrubbed only then.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactFile } from '../agents/redact-file.js';
import type { Secret } from '../agents/redact.js';

/** Regular files directly in a folder whose names end with the suffix. */
function filesIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(dir, e.name));
}

/** Overwrites the stored patches (`<run>/patches/*.patch`) that hold a secret with redacted text; returns their names. */
function scrubPatches(runDir: string, secrets: readonly Secret[]): string[] {
  return filesIn(join(runDir, 'patches'), '.patch')
    .filter((f) => redactFile(f, secrets))
    .map((f) => f.slice(runDir.length + 1));
}

/**
 * Patches, stage logs and every file of every call (answer.json, and call.json, prompts and
 * output.log, which a call redacted with its own profile's secrets only), redacted where they hold
 * a secret of the run; returns what changed.
 */
export function scrubRunFiles(runDir: string, secrets: readonly Secret[]): string[] {
  if (!secrets.length) return [];
  const calls = join(runDir, 'calls');
  const callFiles = existsSync(calls) ? readdirSync(calls).flatMap((c) => filesIn(join(calls, c), '')) : [];
  const others = [...filesIn(join(runDir, 'logs'), '.log'), ...callFiles].filter((f) => redactFile(f, secrets));
  return [...scrubPatches(runDir, secrets), ...others.map((f) => f.slice(runDir.length + 1))];
}
