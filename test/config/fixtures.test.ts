/**
 * The broken-pipeline table: each test/fixtures/invalid/<name>.yml starts with `# expect:` lines,
 * the exact errors it must produce (without the fixture's own file prefix). Every pipeline under
 * pipelines/, examples/ and test/fixtures/valid/ must validate with no errors.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConfigError } from '../../src/config/errors.js';
import { loadPipeline } from '../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INVALID = join(ROOT, 'test/fixtures/invalid');
const VALID = join(ROOT, 'test/fixtures/valid');

function ymlFiles(dir: string, recursive: boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return recursive ? ymlFiles(path, true) : [];
    return name.endsWith('.yml') ? [path] : [];
  });
}

const invalid = ymlFiles(INVALID, false).map((f) => relative(INVALID, f));

describe('broken pipelines', () => {
  it('has a fixture for at least 35 mistakes', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(35);
  });

  it.each(invalid)('%s', async (name) => {
    const text = readFileSync(join(INVALID, name), 'utf8');
    const expected = text
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => l.slice('# expect: '.length).trim());
    expect(expected.length, 'the fixture has # expect: lines').toBeGreaterThan(0);

    const result = await loadPipeline(name, { cwd: INVALID });
    expect(result.ok).toBe(false);
    const actual = result.ok
      ? []
      : result.errors.map((e) => formatConfigError(e, INVALID)).map((l) => (l.startsWith(`${name}:`) ? l.slice(name.length + 1) : l));
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(actual.length).toBe(expected.length);
  });
});

const valid = [...ymlFiles(join(ROOT, 'pipelines'), true), ...ymlFiles(join(ROOT, 'examples'), true), ...ymlFiles(VALID, false)].map((f) => relative(ROOT, f));

describe('valid pipelines', () => {
  it.each(valid)('%s', async (file) => {
    const result = await loadPipeline(file, { cwd: ROOT });
    expect(result.ok ? [] : result.errors.map((e) => formatConfigError(e, ROOT))).toEqual([]);
  });
});
