/**
 * Reads `claude -p --output-format stream-json --verbose` as it arrives:
 *   system/init → session id; assistant → text and tool uses (AskUserQuestion is a question;
 *   Write/Edit/MultiEdit/NotebookEdit are edits); result → final message, is_error, usage, cost,
 *   structured_output, permission_denials. Success is `is_error: false` and exit code 0.
 */
import type { PermissionDenial } from '../../ports/agents.js';
import type { ProcessResult } from '../../ports/process.js';
import { exitFailure, stderrTail } from '../failure.js';
import type { Turn, TurnParser } from '../types.js';
import type { Json } from '../../util/json.js';

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

export class ClaudeEvents implements TurnParser {
  private sessionId?: string;
  private lastText = '';
  private fileChanges = 0;
  private question?: string;
  private result?: Json;

  constructor(
    private readonly command: string,
    private readonly maxTurns?: number,
  ) {}

  onLine(line: string): void {
    if (!line.startsWith('{')) return;
    let event: Json;
    try {
      event = JSON.parse(line) as Json;
    } catch {
      return;
    }
    if (typeof event.session_id === 'string') this.sessionId ??= event.session_id;
    if (event.type === 'assistant' && event.parent_tool_use_id == null) this.assistant(event.message?.content);
    else if (event.type === 'result') this.result = event;
  }

  private assistant(content: unknown): void {
    if (!Array.isArray(content)) return;
    for (const block of content as Json[]) {
      if (block.type === 'text' && typeof block.text === 'string' && block.text.trim()) this.lastText = block.text;
      if (block.type !== 'tool_use') continue;
      if (block.name === 'AskUserQuestion') this.question = questionText(block.input);
      else if (EDIT_TOOLS.has(block.name)) this.fileChanges += 1;
    }
  }

  finish(proc: ProcessResult): Turn {
    const r = this.result;
    const sessionId = (typeof r?.session_id === 'string' ? r.session_id : undefined) ?? this.sessionId;
    const turn: Turn = {
      ok: proc.exitCode === 0 && r !== undefined && r.is_error !== true,
      finalMessage: typeof r?.result === 'string' ? r.result : this.lastText,
      fileChanges: this.fileChanges,
      ...(sessionId ? { sessionId } : {}),
      ...(this.question ? { question: this.question } : {}),
    };
    if (r?.usage) turn.usage = usageOf(r.usage);
    if (typeof r?.total_cost_usd === 'number') turn.costUsd = r.total_cost_usd;
    if (r?.structured_output !== undefined && r.structured_output !== null) turn.structured = { value: r.structured_output };
    const denials = Array.isArray(r?.permission_denials) ? (r.permission_denials as Json[]) : [];
    if (denials.length) turn.permissionDenials = denials.map((d): PermissionDenial => ({ tool: String(d.tool_name ?? 'unknown'), input: d.tool_input }));
    if (!turn.ok) turn.error = this.failure(proc, r);
    return turn;
  }

  private failure(proc: ProcessResult, r: Json | undefined): { category: string; message: string } {
    if (r?.subtype === 'error_max_turns') {
      return { category: 'max_turns', message: `the agent reached its turn limit${this.maxTurns ? ` (maxTurns: ${this.maxTurns})` : ''}` };
    }
    if (r?.is_error) {
      const detail = typeof r.result === 'string' && r.result ? r.result : Array.isArray(r.errors) ? r.errors.join('; ') : String(r.subtype ?? 'error');
      return { category: 'agent_error', message: detail };
    }
    const tail = stderrTail(proc.stderr);
    if (/cannot be used with root\/sudo/.test(tail)) {
      return exitFailure(
        this.command,
        proc,
        `${tail} (permission full-access runs claude with bypassPermissions, which needs IS_SANDBOX=1 in the profile's env when odw runs as root)`,
      );
    }
    return exitFailure(this.command, proc);
  }
}

function questionText(input: Json | undefined): string {
  const list = Array.isArray(input?.questions) ? (input!.questions as Json[]) : [];
  const texts = list.map((q) => {
    const options = Array.isArray(q.options) ? (q.options as Json[]).map((o) => o.label).filter(Boolean) : [];
    return `${q.question ?? ''}${options.length ? ` (options: ${options.join(', ')})` : ''}`.trim();
  });
  return texts.filter(Boolean).join('\n') || 'the agent asked a question';
}

function usageOf(u: Json): Turn['usage'] {
  const inputTokens = Number(u.input_tokens ?? 0) + Number(u.cache_creation_input_tokens ?? 0) + Number(u.cache_read_input_tokens ?? 0);
  const outputTokens = Number(u.output_tokens ?? 0);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
