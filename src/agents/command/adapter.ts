/**
 * Any executable as an agent (the public contract in docs/runtimes.md): argv is the profile's
 * `command` (+ `args`), the prompt arrives on stdin and in $ODW_PROMPT_FILE, exit 0 is success,
 * and a structured answer is the JSON in $ODW_OUTPUT_FILE or else the last JSON object printed
 * on stdout. `{"needsInput": {"question": "…"}}` asks a question.
 */
import { readFileSync } from 'node:fs';
import type { ProcessResult } from '../../ports/process.js';
import { exitFailure } from '../failure.js';
import { extractJson } from '../structured.js';
import type { CallContext, LaunchSpec, RuntimeAdapter, Turn, TurnParser } from '../types.js';

/** How much of stdout becomes the call's final message. */
const MESSAGE_CHARS = 8000;

export function commandAdapter(): RuntimeAdapter {
  return {
    agent: 'command',
    canResume: false,
    cumulative: { usage: false, cost: false },
    launch: commandLaunch,
    parser: (ctx) => new CommandOutput(ctx, commandLaunch(ctx).command),
  };
}

/** `bin`, when set, replaces the executable (the first word of `command`). */
export function commandLaunch(ctx: CallContext): LaunchSpec {
  const { profile } = ctx.request;
  const argv = [...(profile.command ?? []), ...(profile.args ?? [])];
  const command = profile.bin || argv[0];
  return { command: command ?? '', args: argv.slice(1) };
}

class CommandOutput implements TurnParser {
  constructor(
    private readonly ctx: CallContext,
    private readonly command: string,
  ) {}

  onLine(): void {}

  finish(proc: ProcessResult): Turn {
    const stdout = proc.stdout.trim();
    const turn: Turn = {
      ok: proc.exitCode === 0,
      finalMessage: stdout.length > MESSAGE_CHARS ? stdout.slice(-MESSAGE_CHARS) : stdout,
      fileChanges: 0,
    };
    if (!turn.ok) {
      turn.error = exitFailure(this.command, proc);
      return turn;
    }
    const answer = this.answerFile() ?? extractJson(stdout);
    if (answer) turn.structured = answer;
    const value = answer && 'value' in answer ? (answer.value as Record<string, any> | null) : undefined;
    const question = value && typeof value === 'object' ? value.needsInput?.question : undefined;
    if (question !== undefined) turn.question = String(question);
    return turn;
  }

  private answerFile(): Turn['structured'] | undefined {
    const file = this.ctx.outputFile;
    if (!file) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    if (!text.trim()) return undefined;
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { invalid: `ODW_OUTPUT_FILE does not hold valid JSON (${(e as Error).message})` };
    }
  }
}
