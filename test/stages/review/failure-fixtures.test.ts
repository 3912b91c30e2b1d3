// Every fixture under test/fixtures/runner-output is what a real runner printed for a deliberately
// failing project (scripts/capture-runner-output.mjs regenerates them); the excerpt must find its
// failures, point at the failing lines and leave passing lines out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFailures } from '../../../src/stages/review/failures/excerpt.js';

interface Expect {
  runner: string;
  cwd: string;
  blocks: number;
  contains: string[];
  absent?: string[];
  locations?: { file: string; line?: number }[];
  symbols?: string[];
}

const root = join(import.meta.dirname, '../../fixtures/runner-output');
const cases = readdirSync(root).sort();

describe('failure excerpts of real runner output', () => {
  it('has a fixture for every runner format', () => {
    const runners = new Set(cases.map((c) => (JSON.parse(readFileSync(join(root, c, 'expect.json'), 'utf8')) as Expect).runner));
    expect([...runners].sort()).toEqual(expect.arrayContaining(['cargo', 'eslint', 'generic', 'go', 'jest', 'mocha', 'pytest', 'tap', 'tsc', 'vitest']));
  });

  it.each(cases)('%s', (name) => {
    const want = JSON.parse(readFileSync(join(root, name, 'expect.json'), 'utf8')) as Expect;
    const output = readFileSync(join(root, name, 'output.txt'), 'utf8');
    const got = parseFailures(output, { cwd: want.cwd });
    expect(got.runner).toBe(want.runner);
    expect(got.blocks).toHaveLength(want.blocks);
    for (const text of want.contains) expect(got.text).toContain(text);
    for (const text of want.absent ?? []) expect(got.text).not.toContain(text);
    expect(got.text).not.toContain(want.cwd);
    const locations = got.blocks.flatMap((b) => b.locations);
    for (const loc of want.locations ?? []) expect(locations).toContainEqual(expect.objectContaining(loc));
    for (const loc of locations) expect(loc.file).not.toMatch(/node_modules|^node:|^\/|^file:/);
    for (const symbol of want.symbols ?? []) expect(got.blocks.flatMap((b) => b.symbols)).toContain(symbol);
    expect(got.text.split('\n').length).toBeLessThanOrEqual(80);
    expect(got.text.length).toBeLessThanOrEqual(8000);
  });
});
