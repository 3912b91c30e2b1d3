import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/duration.js';
import { formatPath, pointerSegments } from '../../src/config/path.js';
import { closest, didYouMean, editDistance } from '../../src/config/suggest.js';
import { parseYaml } from '../../src/config/yaml.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['45', 45_000],
    [10, 10_000],
    [0.25, 250],
  ])('%j → %d ms', (v, ms) => {
    expect(parseDuration(v)).toBe(ms);
  });

  it.each(['', 'soon', '10 minutes', '-5s', '0s', '1d', 0, -1, Number.NaN])('rejects %j', (v) => {
    expect(() => parseDuration(v)).toThrow(RangeError);
  });
});

describe('did-you-mean', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    expect(editDistance('build', 'biuld')).toBe(1);
    expect(editDistance('needs', 'need')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('suggests only close names', () => {
    expect(closest('biuld', ['build', 'test'])).toBe('build');
    expect(closest('Stages', ['stages', 'name'])).toBe('stages');
    expect(closest('deploy', ['build', 'test'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
    expect(closest('c', ['a', 'b'])).toBeUndefined();
    expect(closest('A', ['a', 'b'])).toBe('a');
    expect(didYouMean('concurency', ['concurrency', 'name'])).toBe('did you mean "concurrency"?');
  });
});

describe('paths', () => {
  it('formats segments readably', () => {
    expect(formatPath(['stages', 2, 'with', 'run'])).toBe('stages[2].with.run');
    expect(formatPath(['inputs', 'max rounds', 'default'])).toBe('inputs["max rounds"].default');
    expect(formatPath([])).toBe('');
  });

  it('decodes JSON pointers against the data', () => {
    expect(pointerSegments('/stages/0/with/a~1b', { stages: [{ with: {} }] })).toEqual(['stages', 0, 'with', 'a/b']);
    expect(pointerSegments('/inputs/0', { inputs: { 0: {} } })).toEqual(['inputs', '0']);
  });
});

describe('parseYaml', () => {
  const text = ['name: demo', 'inputs:', '  n: { type: number }', 'stages:', '  - id: a', '    needs: [b, c]', '  - id: b', '    uses: exec', ''].join('\n');
  const parsed = parseYaml(text, '/p.yml');

  it('returns plain data', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.value).toEqual({
      name: 'demo',
      inputs: { n: { type: 'number' } },
      stages: [
        { id: 'a', needs: ['b', 'c'] },
        { id: 'b', uses: 'exec' },
      ],
    });
  });

  it('locates keys, list items and falls back to the nearest ancestor', () => {
    expect(parsed.pos([])).toEqual({ line: 1, col: 1 });
    expect(parsed.pos(['inputs', 'n', 'type'])).toEqual({ line: 3, col: 8 });
    expect(parsed.pos(['stages', 0])).toEqual({ line: 5, col: 5 });
    expect(parsed.pos(['stages', 0, 'needs', 1])).toEqual({ line: 6, col: 16 });
    expect(parsed.pos(['stages', 1, 'uses'])).toEqual({ line: 8, col: 5 });
    expect(parsed.pos(['stages', 1, 'with', 'run'])).toEqual({ line: 7, col: 5 });
    expect(parsed.pos(['stages', 9])).toEqual({ line: 4, col: 1 });
  });

  it('follows aliases and merge keys', () => {
    const p = parseYaml(['defaults: &d', '  uses: exec', 'stages:', '  - <<: *d', '    id: a', ''].join('\n'), '/p.yml');
    expect(p.value).toEqual({ defaults: { uses: 'exec' }, stages: [{ uses: 'exec', id: 'a' }] });
    expect(p.pos(['stages', 0, 'uses'])).toEqual({ line: 2, col: 3 });
  });

  it('reports the first syntax error, located', () => {
    const p = parseYaml('a: [1, 2\nb: 3\n', '/p.yml');
    expect(p.fatal).toBe(true);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ file: '/p.yml', line: 2, path: '' });
    expect(p.errors[0].message).toMatch(/^YAML syntax error: /);
  });

  it('reports duplicate keys with their path and keeps going', () => {
    const p = parseYaml('a: 1\nb:\n  c: 1\n  c: 2\n', '/p.yml');
    expect(p.fatal).toBe(false);
    expect(p.errors).toEqual([{ file: '/p.yml', line: 4, col: 3, path: 'b.c', message: 'duplicate key "c"' }]);
  });

  it.each([
    ['', 'an empty document'],
    ['- a\n', 'a list'],
    ['hello\n', 'a single value'],
  ])('rejects a top level that is not a mapping: %j', (src, found) => {
    const p = parseYaml(src, '/p.yml');
    expect(p.fatal).toBe(true);
    expect(p.errors[0].message).toBe(`a pipeline must be a mapping of keys (name, inputs, stages, …), found ${found}`);
  });
});
