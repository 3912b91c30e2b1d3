/**
 * What one agent call leaves in its folder: call.json (rewritten atomically at every state
 * change), prompt.md / prompt-N.md, schema.json and output.log. Everything is redacted first.
 */
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { AgentCallRecord } from '../ports/agents.js';
import { writeJsonAtomic } from '../util/fs.js';
import { redactDeep, type Redactor } from './redact.js';

export class CallRecorder {
  readonly record: AgentCallRecord;

  constructor(
    private readonly callDir: string,
    initial: AgentCallRecord,
    private readonly redact: Redactor,
    /** Told of every state change (the live view shows it). */
    private readonly onState?: (state: AgentCallRecord['state'], detail?: string) => void,
  ) {
    this.record = { ...initial };
  }

  /** Merge and write call.json (temp file + rename, so readers never see half a record). */
  update(patch: Partial<AgentCallRecord>): void {
    Object.assign(this.record, patch);
    for (const key of Object.keys(this.record) as (keyof AgentCallRecord)[]) {
      if (this.record[key] === undefined) delete this.record[key];
    }
    writeJsonAtomic(join(this.callDir, 'call.json'), redactDeep(this.record, this.redact));
    if (patch.state && patch.state !== 'done') {
      const question = patch.state === 'asking' ? this.record.questions?.at(-1)?.question : undefined;
      this.onState?.(patch.state, question === undefined ? undefined : this.redact(question));
    }
  }

  /** Store the prompt of the n-th invocation: prompt.md, then prompt-2.md, prompt-3.md … */
  writePrompt(n: number, prompt: string): string {
    const name = n === 1 ? 'prompt.md' : `prompt-${n}.md`;
    writeFileSync(join(this.callDir, name), this.redact(prompt));
    return name;
  }

  writeSchema(schema: object): string {
    const file = join(this.callDir, 'schema.json');
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    return file;
  }
}

/**
 * output.log: the agent's stdout and stderr lines as they arrive, redacted, written through a
 * stream (nothing accumulates in memory).
 */
export class OutputLog {
  private readonly stream: WriteStream;

  constructor(
    file: string,
    private readonly redact: Redactor,
  ) {
    this.stream = createWriteStream(file, { flags: 'a' });
  }

  line(text: string): void {
    this.stream.write(`${this.redact(text)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
