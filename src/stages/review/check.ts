/** The pipeline's check command, run in a workspace; a failure becomes a blocker with its output tail. */
import { appendFileSync } from 'node:fs';
import { parseDuration } from '../../config/duration.js';
import { tailLines } from '../../util/tail.js';
import type { StageContext } from '../types.js';

export interface CheckResult {
  command: string;
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr together. */
  tail: string;
  durationMs: number;
}

export async function runCheck(ctx: StageContext, command: string, cwd: string, timeout?: string | number): Promise<CheckResult> {
  appendFileSync(ctx.logFile, `$ ${command}   (in ${cwd})\n`);
  const r = await ctx.ports.process.run({
    command,
    shell: true,
    cwd,
    env: { ODW_RUN_ID: ctx.run.id, ODW_STAGE: ctx.stage.id, CI: '1' },
    signal: ctx.signal,
    reap: { cwd, record: ctx.run.dir },
    stdoutFile: ctx.logFile,
    stderrFile: ctx.logFile,
    ...(timeout !== undefined ? { timeoutMs: parseDuration(timeout) } : {}),
  });
  // Paths inside the workspace read as repository paths (src/a.js, not /tmp/…/src/a.js): for people and for repair routing.
  const tail = tailLines([r.stdout.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join('\n'), 30).replaceAll(`${cwd}/`, '');
  return { command, ok: r.exitCode === 0 && !r.timedOut && !r.spawnError, exitCode: r.exitCode, timedOut: r.timedOut, tail: r.spawnError ?? tail, durationMs: r.durationMs };
}

export function checkBlocker(c: CheckResult): string {
  const how = c.timedOut ? 'timed out' : `exited with code ${c.exitCode}`;
  return `check \`${c.command}\` ${how}:\n${c.tail}`;
}

/**
 * What a check blocker says about the cause: its output, not its first line. The command names the
 * test that shows a failure (`node test.mjs`), which is no evidence against the test's owner.
 */
export function checkEvidence(message: string): string {
  return message.replace(/^check `[^\n]*` (?:timed out|exited with code \S+):\n?/, '');
}
