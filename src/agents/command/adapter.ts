/**
 * Any executable as an agent (the public contract in docs/runtimes.md): argv is the profile's
 * `command` (+ `args`), the prompt arrives on stdin and in $ODW_PROMPT_FILE, exit 0 is success,
 * and a structured answer is the JSON in $ODW_OUTPUT_FILE or else the last JSON object printed
 * on stdout. `{"needsInput": {"question": "…"}}` asks a question.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProcessResult } from '../../ports/process.js';
import { isRelativePath } from '../env.js';
import { exitFailure } from '../failure.js';
import { extractJson } from '../structured.js';
import type { CallContext, LaunchSpec, RuntimeAdapter, Turn, TurnParser } from '../types.js';
import type { Json } from '../../util/json.js';

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
function commandLaunch(ctx: CallContext): LaunchSpec {
  const { profile } = ctx.request;
  const argv = [...(profile.command ?? []), ...(profile.args ?? [])];
  const command = profile.bin || argv[0];
  return { command: command ?? '', args: argv.slice(1) };
}

/**
 * `command: [node, scripts/agent.mjs]`: odw resolves only the executable against the repository;
 * arguments are passed as written, so the script is read from the call's workspace, where an
 * uncommitted file is missing. When the agent failed saying a relative argument is not there,
 * say why and what to write instead.
 */
function workspaceArgumentHint(args: string[], stderr: string, cwd: string): string | undefined {
  if (!/cannot find module|no such file|can't open file|not found|ENOENT/i.test(stderr)) return undefined;
  const bare = (a: string) => a.replace(/^(\.\/)+/, '');
  const missing = args.find((a) => isRelativePath(a) && !a.startsWith('-') && stderr.includes(bare(a)) && !existsSync(resolve(cwd, a)));
  if (!missing) return undefined;
  return (
    `odw passes arguments as written, so \`${missing}\` was looked for in the call's working folder (${cwd}); ` +
    "a task's or reviewer's workspace holds only committed files. Make the script the executable " +
    `(\`command: [./${bare(missing)}]\`, with a #! line and chmod +x), which odw resolves against the repository root, ` +
    'or commit it, or give an absolute path (docs/runtimes.md)'
  );
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
      const error = exitFailure(this.command, proc);
      const hint = workspaceArgumentHint(commandLaunch(this.ctx).args, proc.stderr, this.ctx.request.cwd);
      turn.error = hint ? { ...error, message: `${error.message}\n(hint: ${hint})` } : error;
      return turn;
    }
    const answer = this.answerFile() ?? extractJson(stdout);
    if (answer) turn.structured = answer;
    const value = answer && 'value' in answer ? (answer.value as Json | null) : undefined;
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
