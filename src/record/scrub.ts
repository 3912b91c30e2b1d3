/**
 * Files of a run record that odw copies from elsewhere — task patches, stage logs (the output of
 * checks and commands), the agents' answer.json — may hold a secret value; these rewrite them
 * redacted. Patches are the change itself, so they are scrubbed only when the run ends.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactFile } from '../agents/redact-file.js';
import type { Secret } from '../agents/redact.js';

function filesIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith(suffix)).map((n) => join(dir, n));
}

/** Overwrites the stored patches (`<run>/patches/*.patch`) that hold a secret with redacted text; returns their names. */
export function scrubPatches(runDir: string, secrets: readonly Secret[]): string[] {
  return filesIn(join(runDir, 'patches'), '.patch').filter((f) => redactFile(f, secrets)).map((f) => f.slice(runDir.length + 1));
}

/** Patches, stage logs and every call's answer.json, redacted where they hold a secret; returns what changed. */
export function scrubRunFiles(runDir: string, secrets: readonly Secret[]): string[] {
  if (!secrets.length) return [];
  const calls = join(runDir, 'calls');
  const answers = existsSync(calls) ? readdirSync(calls).map((c) => join(calls, c, 'answer.json')) : [];
  const others = [...filesIn(join(runDir, 'logs'), '.log'), ...answers].filter((f) => redactFile(f, secrets));
  return [...scrubPatches(runDir, secrets), ...others.map((f) => f.slice(runDir.length + 1))];
}
