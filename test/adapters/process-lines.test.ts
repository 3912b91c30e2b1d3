/** Output lines as handlers get them: every split of the bytes gives the same lines; a giant line is cut for handlers only. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_CAP_BYTES, LineSplitter } from '../../src/adapters/lines.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { TailBuffer, tailLines } from '../../src/util/tail.js';
import { tempDir } from '../helpers/tmp.js';

function split(chunks: Buffer[], cap?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), cap);
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return lines;
}

/** The bytes cut at every given offset. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [0, ...at, bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

describe('line splitting', () => {
  const text = 'first\r\nsecond: é€😀\n\nlast without newline';
  const bytes = Buffer.from(text);
  const expected = ['first', 'second: é€😀', '', 'last without newline'];

  it('gives the same lines however the bytes are split (CRLF, multi-byte characters, a final line without newline)', () => {
    expect(split([bytes])).toEqual(expected);
    for (let i = 1; i < bytes.length; i++) expect(split(cut(bytes, [i])), `cut at ${i}`).toEqual(expected);
    expect(
      split(
        cut(
          bytes,
          Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
        ),
      ),
    ).toEqual(expected);
  });

  it('a CR split from its LF is still a line end; a lone CR inside a line is kept', () => {
    expect(split([Buffer.from('a\r'), Buffer.from('\nb\rc\n')])).toEqual(['a', 'b\rc']);
  });

  it('cuts a line over the cap at a character boundary, says so, and reads the next line whole', () => {
    const lines = split(cut(Buffer.from('ab€€€€\nnext\n'), [3, 5]), 5);
    expect(lines).toEqual(['ab€ … [odw: line truncated: 14 bytes, the first 5 kept]', 'next']);
  });
});

describe('a giant line from a real process', () => {
  it('reaches the line handler cut at 8 MiB, and the output file whole', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.log');
    const size = LINE_CAP_BYTES + 1024 * 1024;
    const lines: string[] = [];
    const r = await createProcessRunner().run({
      command: process.execPath,
      args: ['-e', `process.stdout.write('{' + 'x'.repeat(${size - 1}) + '\\nsmall\\n')`],
      cwd: dir,
      stdoutFile: out,
      onStdoutLine: (l) => lines.push(l),
    });
    expect(r.exitCode).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0].startsWith('{xxx')).toBe(true);
    expect(lines[0].endsWith(`[odw: line truncated: ${size} bytes, the first ${LINE_CAP_BYTES} kept]`)).toBe(true);
    expect(lines[1]).toBe('small');
    expect(statSync(out).size).toBe(size + 'small\n'.length + 1);
    expect(readFileSync(out, 'utf8').endsWith('x\nsmall\n')).toBe(true);
    expect(r.stdout.length).toBe(64 * 1024);
  });
});

describe('tails', () => {
  it('keep the last characters, across many small and one big push', () => {
    const t = new TailBuffer(10);
    for (const c of 'abcdefghijklmnopqrstuvwxyz') t.push(c);
    expect(t.text()).toBe('qrstuvwxyz');
    t.push('0123456789ABC');
    expect(t.text()).toBe('3456789ABC');
    expect(t.truncated).toBe(true);
  });

  it('tailLines drops trailing blanks and keeps the last lines', () => {
    expect(tailLines('a\nb\nc\n  \n\t\n', 2)).toBe('b\nc');
    expect(tailLines(`${' '.repeat(200_000)}x`, 1)).toBe(`${' '.repeat(200_000)}x`);
  });
});
