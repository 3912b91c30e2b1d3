/** Failure messages that explain themselves: the command, the exit, then the tail of stderr. */
import { basename } from 'node:path';
import type { ProcessResult } from '../ports/process.js';
import { tailLines } from '../util/tail.js';
import type { AgentKind } from './types.js';

const STDERR_LINES = 20;
const STDERR_CHARS = 2000;

export function stderrTail(stderr: string): string {
  const tail = tailLines(stderr, STDERR_LINES);
  return tail.length > STDERR_CHARS ? `…${tail.slice(-STDERR_CHARS)}` : tail;
}

/** `codex exited with code 1: <last lines of stderr>` */
export function exitFailure(command: string, proc: ProcessResult, detail?: string): { category: string; message: string } {
  const how = proc.signal ? `was killed by ${proc.signal}` : `exited with code ${proc.exitCode}`;
  const tail = detail ?? stderrTail(proc.stderr);
  return { category: 'exit_code', message: `${basename(command)} ${how}${tail ? `: ${tail}` : ''}` };
}

export const INSTALL_HINT: Record<AgentKind, string> = {
  codex: 'install it with `npm install -g @openai/codex`, or set `bin` in the profile (or ODW_CODEX_BIN); `odw doctor` shows what odw finds',
  claude: 'install it with `npm install -g @anthropic-ai/claude-code`, or set `bin` in the profile (or ODW_CLAUDE_BIN); `odw doctor` shows what odw finds',
  command:
    "check the profile's `command`: the executable must exist and be executable; a relative path (`./agents/run.sh`) is resolved against the repository root, a bare name is looked up on PATH (docs/runtimes.md)",
};

export function spawnFailure(agent: AgentKind, command: string, spawnError: string): { category: string; message: string } {
  return { category: 'spawn_failed', message: `could not start ${command}: ${spawnError} (${INSTALL_HINT[agent]})` };
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
