import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJsonLines } from '../../src/record/tail.js';
import { tempDir } from '../helpers/tmp.js';

/** What `odw runs show` did before: parse every line, skip torn ones, keep the last ones. */
function whole(text: string, last: number): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    try {
      if (line.trim()) out.push(JSON.parse(line));
    } catch {
      // torn
    }
  }
  return out.slice(-last);
}

describe('the last events of a run, read from the end of events.jsonl', () => {
  it('are the ones parsing the whole file gives, across chunks, multi-byte text and torn lines', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(JSON.stringify({ ts: i, type: 'output', line: `é中🙂 ${'x'.repeat(i % 97)}` }));
    // torn lines: a killed writer's half line in the middle, and runs of them near the end
    lines.splice(1500, 0, '{"ts":1500,"type":"out');
    for (let i = 0; i < 40; i++) lines.splice(2990, 0, '{"ts":"torn');
    const dir = tempDir();
    for (const [name, text] of [
      ['ended', `${lines.join('\n')}\n`],
      ['torn', `${lines.join('\n')}\n{"ts":9,"ty`],
      ['one', '{"ts":1}'],
      ['empty', ''],
    ]) {
      const path = join(dir, `${name}.jsonl`);
      writeFileSync(path, text);
      for (const last of [1, 10, 45, 1000, 5000, Infinity]) expect(lastJsonLines(path, last), `${name}, last ${last}`).toEqual(whole(text, last));
    }
  });

  it('reads one long line whole', () => {
    const path = join(tempDir(), 'events.jsonl');
    const text = `${JSON.stringify({ ts: 1, big: 'y'.repeat(300_000) })}\n${JSON.stringify({ ts: 2 })}\n`;
    writeFileSync(path, text);
    expect(lastJsonLines(path, 2)).toEqual(whole(text, 2));
  });
});
