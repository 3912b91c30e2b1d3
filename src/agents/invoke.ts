/** Start one agent process for a call: prompt file, environment, streamed output, parsed turn. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessResult, ProcessRunner } from '../ports/process.js';
import { ODW_VARIABLES } from './env.js';
import type { CallRecorder, OutputLog } from './record.js';
import type { Redactor } from './redact.js';
import { sandboxedLaunch, sandboxSettings } from './sandbox.js';
import { callMounts, programFolders } from './sandbox-host.js';
import type { CallContext, Invocation, LaunchSpec, RuntimeAdapter, Turn } from './types.js';

export interface InvokeDeps {
  process: ProcessRunner;
  recorder: CallRecorder;
  log: OutputLog;
  redact: Redactor;
}

export interface Invoked {
  invocation: Invocation;
  launch: LaunchSpec;
  proc: ProcessResult;
  turn: Turn;
}

/** Characters of each stream kept in memory (the full output goes to output.log). */
const TAIL_CHARS = 256 * 1024;

export async function invoke(
  adapter: RuntimeAdapter,
  ctx: CallContext,
  step: Omit<Invocation, 'promptFile'>,
  timeoutMs: number,
  deps: InvokeDeps,
): Promise<Invoked> {
  const { recorder, log } = deps;
  const promptName = recorder.writePrompt(step.n, step.prompt);
  // The stored prompt is redacted; when that changed it, the agent reads a private copy instead.
  const stored = deps.redact(step.prompt) === step.prompt;
  const privateDir = stored ? undefined : mkdtempSync(join(tmpdir(), 'odw-prompt-'));
  const promptFile = privateDir ? join(privateDir, promptName) : join(ctx.request.callDir, promptName);
  if (privateDir) writeFileSync(promptFile, step.prompt, { mode: 0o600 });

  const invocation: Invocation = { ...step, promptFile };
  if (ctx.outputFile) rmSync(ctx.outputFile, { force: true });
  const launch = launchFor(adapter, ctx, invocation, privateDir);
  const parser = adapter.parser(ctx, invocation);

  recorder.update({ state: 'running' });
  log.line(
    `--- odw: invocation ${step.n} (${step.kind}${step.resume ? `, resuming ${step.resume}` : ''}): ${[launch.command, ...launch.args].map(shellWord).join(' ')}`,
  );
  let parseError: string | undefined;
  const env: Record<string, string> = {
    ...ctx.env,
    ODW_PROMPT_FILE: promptFile,
    ...(step.answer !== undefined ? { ODW_ANSWER: step.answer } : {}),
    ...launch.env,
  };
  const proc = await deps.process.run({
    command: launch.command,
    args: launch.args,
    cwd: ctx.request.cwd,
    env,
    // odw's own variables that do not apply to this call must not leak in from odw's environment.
    clearEnv: ODW_VARIABLES.filter((name) => !(name in env)),
    input: step.prompt,
    timeoutMs,
    signal: ctx.request.signal,
    tailChars: TAIL_CHARS,
    reap: { cwd: ctx.request.cwd, record: ctx.request.callDir },
    // While it runs, the record names the agent's process group, so that `odw resume` can stop
    // an agent that outlived an odw process killed with SIGKILL.
    onSpawn: (pid) => recorder.update({ pid }),
    onStdoutLine: (line) => {
      log.line(line);
      try {
        parser.onLine(line);
      } catch (e) {
        parseError ??= (e as Error).message;
      }
    },
    onStderrLine: (line) => log.line(line),
  });
  if (privateDir) rmSync(privateDir, { recursive: true, force: true });
  let turn: Turn;
  try {
    turn = await parser.finish(proc);
  } catch (e) {
    parseError ??= (e as Error).message;
    turn = { ok: false, finalMessage: '', fileChanges: 0 };
  }
  if (parseError && turn.ok)
    turn = { ...turn, ok: false, error: { category: 'output_unreadable', message: `could not read the agent's output: ${parseError}` } };
  const invocations = recorder.record.invocations ?? [];
  invocations.push({
    kind: step.kind,
    promptFile: promptName,
    resumed: step.resume !== undefined,
    exitCode: proc.exitCode,
    ...(proc.signal ? { signal: proc.signal } : {}),
    durationMs: proc.durationMs,
  });
  recorder.update({ invocations, pid: undefined, ...(turn.sessionId ? { sessionId: turn.sessionId } : {}) });
  return { invocation, launch, proc, turn };
}

/** The agent's own launch, inside `bwrap` when the profile's `sandbox` is on (src/agents/sandbox.ts). */
function launchFor(adapter: RuntimeAdapter, ctx: CallContext, invocation: Invocation, privateDir: string | undefined): LaunchSpec {
  const launch = adapter.launch(ctx, invocation);
  const settings = sandboxSettings(ctx.request.profile);
  if (!settings) return launch;
  const readable = [...(privateDir ? [privateDir] : []), ...programFolders(launch.command, launch.args)];
  return sandboxedLaunch(launch, callMounts(ctx, settings, readable));
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
