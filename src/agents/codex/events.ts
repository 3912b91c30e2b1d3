/**
 * Reads the JSONL event stream of `codex exec --json` as it arrives:
 *   thread.started → session id; item.completed agent_message → final message;
 *   item.completed file_change → edits; turn.completed → usage (running totals for the thread);
 *   turn.failed → failure. An `error` item, or a top-level `error` event without turn.failed
 *   (codex reports reconnects that way), is not fatal.
 */
import type { ProcessResult } from '../../ports/process.js';
import { exitFailure } from '../failure.js';
import type { Turn, TurnParser } from '../types.js';
import type { Json } from '../../util/json.js';

export class CodexEvents implements TurnParser {
  private sessionId?: string;
  private message = '';
  private fileChanges = 0;
  private usage?: Turn['usage'];
  private failure?: string;
  private lastError?: string;

  constructor(private readonly command: string) {}

  onLine(line: string): void {
    const event = parseEvent(line);
    if (!event) return;
    switch (event.type) {
      case 'thread.started':
        if (typeof event.thread_id === 'string') this.sessionId = event.thread_id;
        break;
      case 'item.completed':
        this.item(event.item ?? {});
        break;
      case 'turn.completed':
        this.usage = usageOf(event.usage);
        break;
      case 'turn.failed':
        this.failure = String(event.error?.message ?? 'the turn failed');
        break;
      case 'error':
        if (typeof event.message === 'string') this.lastError = event.message;
        break;
    }
  }

  private item(item: Json): void {
    if (item.type === 'agent_message' && typeof item.text === 'string') this.message = item.text;
    else if (item.type === 'file_change') this.fileChanges += Array.isArray(item.changes) ? item.changes.length : 1;
  }

  finish(proc: ProcessResult): Turn {
    const ok = proc.exitCode === 0 && this.failure === undefined;
    const turn: Turn = {
      ok,
      finalMessage: this.message,
      fileChanges: this.fileChanges,
      ...(this.sessionId ? { sessionId: this.sessionId } : {}),
      ...(this.usage ? { usage: this.usage } : {}),
    };
    if (!ok) {
      turn.error = this.failure !== undefined ? { category: 'agent_error', message: this.failure } : exitFailure(this.command, proc, this.lastError);
    }
    return turn;
  }
}

function parseEvent(line: string): Json | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function usageOf(u: Json | undefined): Turn['usage'] {
  if (!u) return undefined;
  const inputTokens = Number(u.input_tokens ?? 0);
  const outputTokens = Number(u.output_tokens ?? 0);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
