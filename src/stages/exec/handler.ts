/** `uses: exec` — run shell commands in the repository; the generic stage kind. */
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WithExec } from '../../config/pipeline.generated.js';
import { parseDuration } from '../../config/duration.js';
import { tailLines } from '../../util/tail.js';
import type { StageHandler, StageResult } from '../types.js';
import { parseOutputs } from './outputs.js';

const STDOUT_OUTPUT_CHARS = 4_000;

export const execHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as unknown as WithExec;
  const commands = Array.isArray(w.run) ? w.run : [w.run];
  const cwd = resolve(ctx.run.repo, w.cwd ? ctx.render(w.cwd) : '.');
  const outputFile = join(ctx.run.dir, 'logs', `${ctx.stage.id}${ctx.round ? `@r${ctx.round}` : ''}.outputs`);
  rmSync(outputFile, { force: true });
  const env: Record<string, string> = {
    ODW_RUN_ID: ctx.run.id,
    ODW_STAGE: ctx.stage.id,
    ODW_STAGE_KIND: 'exec',
    ODW_RUN_DIR: ctx.run.dir,
    ODW_OUTPUT: outputFile,
    ...(ctx.round ? { ODW_ROUND: String(ctx.round) } : {}),
  };
  for (const [k, v] of Object.entries(w.env ?? {})) env[k] = ctx.render(v);
  const timeoutMs = w.timeout === undefined ? undefined : parseDuration(w.timeout);

  let last = { exitCode: 0 as number | null, stdout: '' };
  for (const template of commands) {
    const command = ctx.render(template);
    appendFileSync(ctx.logFile, `$ ${command}\n`);
    const r = await ctx.ports.process.run({
      command,
      shell: true,
      cwd,
      env,
      timeoutMs,
      signal: ctx.signal,
      stdoutFile: ctx.logFile,
      stderrFile: ctx.logFile,
    });
    last = { exitCode: r.exitCode, stdout: r.stdout };
    if (r.cancelled) return { status: 'cancelled' };
    const failure = describeFailure(command, r, w.timeout);
    if (failure) {
      return {
        status: 'failed',
        tolerated: w.continueOnError === true,
        outputs: { exitCode: r.exitCode ?? -1, stdout: tail(r.stdout), ...readOutputs(outputFile) },
        error: failure,
      };
    }
  }
  const lastLine = last.stdout.trimEnd().split('\n').pop()?.trim();
  return {
    status: 'succeeded',
    outputs: { exitCode: last.exitCode ?? 0, stdout: tail(last.stdout), ...readOutputs(outputFile) },
    ...(lastLine ? { summary: lastLine.slice(0, 160) } : {}),
  };
};

function describeFailure(
  command: string,
  r: { exitCode: number | null; signal: string | null; timedOut: boolean; stderr: string; spawnError?: string },
  timeout: WithExec['timeout'],
): StageResult['error'] | undefined {
  const stderr = tailLines(r.stderr, 8);
  const detail = stderr ? `\n${stderr}` : '';
  if (r.spawnError) return { category: 'exec_failed', message: `command "${command}" could not start: ${r.spawnError}` };
  if (r.timedOut) return { category: 'stage_timeout', message: `command "${command}" timed out after ${timeout}${detail}` };
  if (r.exitCode !== 0) {
    const how = r.exitCode === null ? `was killed by ${r.signal}` : `exited with code ${r.exitCode}`;
    return { category: 'exec_failed', message: `command "${command}" ${how}${detail}` };
  }
  return undefined;
}

function tail(text: string): string {
  const t = text.trimEnd();
  return t.length > STDOUT_OUTPUT_CHARS ? t.slice(-STDOUT_OUTPUT_CHARS) : t;
}

function readOutputs(file: string): Record<string, string> {
  return existsSync(file) ? parseOutputs(readFileSync(file, 'utf8')) : {};
}
