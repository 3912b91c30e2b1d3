/** --input flags become typed values: a number or boolean read from a file (key=@path) is checked like one given inline. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInputFlags, resolveInputs } from '../../src/run/inputs.js';
import { tempDir } from '../helpers/tmp.js';

const declared = { n: { type: 'number' as const } };

describe('number inputs', () => {
  it('reads a number from a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'n.txt'), ' 7\n');
    expect(resolveInputs(declared, parseInputFlags(['n=@n.txt']), dir).values.n).toBe(7);
  });

  it('rejects an empty or blank value, inline or from a file, instead of reading it as 0', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), ' \n');
    for (const flag of ['n=', 'n= ', 'n=@empty.txt', 'n=@blank.txt']) {
      expect(() => resolveInputs(declared, parseInputFlags([flag]), dir), flag).toThrow(`--input ${flag}: expected a number`);
    }
  });
});

describe('boolean inputs', () => {
  it('reads true or false from a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'yes.txt'), 'true\n');
    writeFileSync(join(dir, 'no.txt'), 'false\n');
    const flags = { type: 'boolean' as const };
    expect(resolveInputs({ b: flags }, parseInputFlags(['b=@yes.txt']), dir).values.b).toBe(true);
    expect(resolveInputs({ b: flags }, parseInputFlags(['b=@no.txt']), dir).values.b).toBe(false);
    expect(() => resolveInputs({ b: flags }, parseInputFlags(['b=@missing.txt']), dir)).toThrow('input "b": file not found: missing.txt');
  });
});
