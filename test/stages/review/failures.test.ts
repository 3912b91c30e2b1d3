// The parsers one by one, on the shapes of output that the real-runner fixtures do not cover.
import { describe, expect, it } from 'vitest';
import { locationIn, repoPath, symbolsIn } from '../../../src/stages/review/failures/common.js';
import { parseEslint } from '../../../src/stages/review/failures/eslint.js';
import { parseFailures } from '../../../src/stages/review/failures/excerpt.js';
import { parseGeneric } from '../../../src/stages/review/failures/generic.js';
import { parseGo } from '../../../src/stages/review/failures/go.js';
import { parseJest } from '../../../src/stages/review/failures/jest.js';
import { parseNodeSpec, parseTap } from '../../../src/stages/review/failures/tap.js';
import { parseTsc } from '../../../src/stages/review/failures/tsc.js';

const lines = (...l: string[]) => l.join('\n');

describe('locations', () => {
  it('reads stack frames, Rust, pytest, go, tsc and vitest places as repository paths', () => {
    const cwd = '/tmp/ws';
    expect(locationIn('    at add (file:///tmp/ws/src/a.js:3:9)', cwd)).toMatchObject({ file: 'src/a.js', line: 3, column: 9, fn: 'add' });
    expect(locationIn('    at /tmp/ws/src/a.js:3:9', cwd)).toMatchObject({ file: 'src/a.js', line: 3 });
    expect(locationIn("thread 'x' panicked at src/lib.rs:10:9:", cwd)).toMatchObject({ file: 'src/lib.rs', line: 10, column: 9 });
    expect(locationIn('  --> src/lib.rs:4:5', cwd)).toMatchObject({ file: 'src/lib.rs', line: 4 });
    expect(locationIn('tests/test_a.py:7: AssertionError', cwd)).toMatchObject({ file: 'tests/test_a.py', line: 7 });
    expect(locationIn('    add_test.go:13: got 5', cwd)).toMatchObject({ file: 'add_test.go', line: 13 });
    expect(locationIn('src/main.ts(3,23): error TS2554: Expected 2 arguments, but got 3.', cwd)).toMatchObject({ file: 'src/main.ts', line: 3, column: 23 });
    expect(locationIn(' ❯ test/a.test.ts:5:30', cwd)).toMatchObject({ file: 'test/a.test.ts', line: 5 });
  });

  it('drops frames in node_modules, node internals, toolchains and outside the workspace', () => {
    const block = parseTap(
      lines(
        'not ok 1 - a',
        '  ---',
        '  stack: |-',
        '    TestContext.<anonymous> (test/a.test.js:5:10)',
        '    node:internal/test_runner/harness:255:12',
        '  ...',
      ),
    );
    expect(block[0].lines.join('\n')).not.toContain('node:internal');
    expect(block[0].locations).toMatchObject([{ file: 'test/a.test.js', line: 5, fn: 'TestContext.<anonymous>' }]);
    expect(locationIn('    at Test.run (node:internal/test_runner/test:796:25)')).toBe('outside');
    expect(locationIn('    at x (/tmp/ws/node_modules/tape/lib/test.js:548:48)', '/tmp/ws')).toBe('outside');
    expect(repoPath('/rustc/abc/library/core/src/panicking.rs')).toBeUndefined();
    expect(repoPath('/elsewhere/a.js', '/tmp/ws')).toBeUndefined();
    expect(repoPath('file:///tmp/ws/./src/a.js', '/tmp/ws')).toBe('src/a.js');
  });
});

describe('symbols', () => {
  it('names what the message says is missing or wrong', () => {
    expect(
      symbolsIn([
        "Module '\"./a.js\"' has no exported member 'subtract'.",
        'TypeError: calc.triple is not a function',
        'TypeError: (0 , _math.mul) is not a function',
        "error TS2304: Cannot find name 'lodash'.",
        "AttributeError: 'module' object has no attribute 'parse'",
        'TypeError: add() takes 2 positional arguments but 3 were given',
        'ReferenceError: missing is not defined',
        "SyntaxError: The requested module './a.js' does not provide an export named 'sum'",
      ]),
    ).toEqual(['subtract', 'calc.triple', 'mul', 'lodash', 'parse', 'add', 'missing', 'sum']);
  });
});

describe('parsers', () => {
  it('TAP: a parent that failed because its subtest did is not a failure of its own; TODO is not one either', () => {
    const out = lines(
      '# Subtest: suite',
      '    not ok 1 - inner',
      '      ---',
      "      error: 'boom'",
      '      ...',
      'not ok 1 - suite',
      '  ---',
      "  error: '1 subtest failed'",
      '  ...',
      'not ok 2 - later # TODO',
    );
    expect(parseTap(out).map((b) => b.title)).toEqual(['inner']);
  });

  it('node:test TAP: what a test file printed before failing as a whole (an ESM link error) is its block', () => {
    const out = lines(
      'ok 1 - fold drops accents',
      '  ---',
      '  ...',
      '# file:///tmp/ws/src/toc.js:1',
      "# import { slugify } from './slug.js';",
      "# SyntaxError: The requested module './slug.js' does not provide an export named 'slugify'",
      '# Node.js v20.20.2',
      '# Subtest: /tmp/ws/test/toc.test.js',
      'not ok 2 - /tmp/ws/test/toc.test.js',
      '  ---',
      "  location: '/tmp/ws/test/toc.test.js:1:1'",
      "  error: 'test failed'",
      '  ...',
    );
    const [b] = parseTap(out, '/tmp/ws');
    expect(b.title).toBe("SyntaxError: The requested module './slug.js' does not provide an export named 'slugify' › /tmp/ws/test/toc.test.js");
    expect(b.symbols).toEqual(['slugify']);
  });

  it('node:test spec: a suite whose subtest failed is left to the subtest', () => {
    const out = lines('▶ suite', '  ✖ inner (1ms)', '    Error: boom', '✖ suite (2ms)', "  '1 subtest failed'");
    expect(parseNodeSpec(out).map((b) => b.title)).toEqual(['inner']);
  });

  it('jest: console output is not a failure', () => {
    const out = lines('  ● Console', '', '    console.log', '      hi', '', '  ● adds', '', '    Expected: 1', '    Received: 2', '', 'Tests: 1 failed');
    const blocks = parseJest(out);
    expect(blocks.map((b) => b.title)).toEqual(['adds']);
    expect(blocks[0].lines).toEqual(['  ● adds', '', '    Expected: 1', '    Received: 2']);
  });

  it('go: a parent test whose subtest failed is not a block; a build failure is', () => {
    const out = lines('--- FAIL: TestA (0.00s)', '    --- FAIL: TestA/b (0.00s)', '        a_test.go:9: bad', 'FAIL');
    expect(parseGo(out).map((b) => b.title)).toEqual(['TestA/b']);
    const build = parseGo(lines('# example.com/x', './a.go:3:2: undefined: Foo', 'FAIL\texample.com/x [build failed]'));
    expect(build).toMatchObject([{ title: 'build failed: example.com/x', symbols: ['Foo'], locations: [{ file: 'a.go', line: 3 }] }]);
  });

  it('tsc --pretty: the message and its code frame', () => {
    const out = lines(
      "src/a.ts:1:10 - error TS2305: Module '\"./b\"' has no exported member 'x'.",
      '',
      "1 import { x } from './b';",
      '           ~',
      '',
      'Found 1 error.',
    );
    expect(parseTsc(out)).toMatchObject([
      { title: "TS2305: Module '\"./b\"' has no exported member 'x'.", symbols: ['x'], locations: [{ file: 'src/a.ts', line: 1 }] },
    ]);
  });

  it('eslint: files with only warnings count only when no file has errors', () => {
    const warn = lines('/w/a.js', '  1:1  warning  x  eqeqeq', '');
    const err = lines('/w/b.js', '  2:1  error  y  no-undef', '');
    expect(parseEslint(`${warn}\n${err}`, '/w').map((b) => b.title)).toEqual(['b.js']);
    expect(parseEslint(warn, '/w').map((b) => b.title)).toEqual(['a.js']);
  });

  it('generic: counts of nothing are not failures; nearby markers share one block', () => {
    const out = lines('0 errors', 'step 1', 'Error: one', 'fatal: two', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed: three');
    expect(parseGeneric(out).map((b) => b.title)).toEqual(['Error: one', 'failed: three']);
  });

  it('generic: an uncaught error (`TypeError: …`) of a crashed test is a block, with its stack frames', () => {
    const out = lines(
      '# receipt ends with the total',
      '',
      'TypeError: money expects a number',
      '    at money (src/format.js:2:40)',
      '    at receipt (src/receipt.js:12:22)',
    );
    const [b] = parseGeneric(out);
    expect(b.title).toBe('TypeError: money expects a number');
    expect(b.locations.map((l) => `${l.file}:${l.line}`)).toEqual(['src/format.js:2', 'src/receipt.js:12']);
  });
});

describe('parseFailures', () => {
  it('lists a failure printed twice once, strips the workspace and keeps the summary', () => {
    const block = ['  ● adds', '', '    Expected: 1', '    Received: 2', '', '      at Object.<anonymous> (/tmp/ws/a.test.js:3:9)', ''];
    const out = lines(...block, 'Summary of all failing tests', ...block, 'Tests: 1 failed, 1 total');
    const got = parseFailures(out, { cwd: '/tmp/ws' });
    expect(got.runner).toBe('jest');
    expect(got.blocks).toHaveLength(1);
    expect(got.blocks[0].locations).toMatchObject([{ file: 'a.test.js', line: 3 }]);
    expect(got.text).not.toContain('/tmp/ws');
    expect(got.summary).toEqual(['Summary of all failing tests', 'Tests: 1 failed, 1 total']);
    expect(got.truncated).toBe(false);
  });

  it('caps the text in lines and characters and says so', () => {
    const out = Array.from({ length: 40 }, (_, i) => lines(`src/a${i}.ts(1,1): error TS2304: Cannot find name 'x${i}'.`)).join('\n');
    const got = parseFailures(out, { limits: { maxLines: 10 } });
    expect(got.blocks).toHaveLength(40);
    expect(got.truncated).toBe(true);
    expect(got.text.split('\n').length).toBeLessThanOrEqual(10);
    expect(got.text).toContain('more failures not shown');
    const long = parseFailures(`Error: ${'x'.repeat(5000)}\n`.repeat(3), { limits: { maxChars: 1000 } });
    expect(long.text.length).toBeLessThanOrEqual(1000);
    expect(long.truncated).toBe(true);
  });

  it('leaves out what npm and make say about the command that failed', () => {
    const npm = ['expected sum(2, 3) to be 5 but got -1', 'npm ERR! code ELIFECYCLE', 'npm ERR! errno 1', 'npm ERR! Test failed.  See above for more details.'];
    const got = parseFailures(lines(...npm));
    expect(got.blocks).toEqual([]);
    expect(got.text).toContain('expected sum(2, 3) to be 5 but got -1');
    const jest = parseFailures(lines('  ● adds', '', '    Expected: 1', '', 'Tests: 1 failed', 'npm error code 1', 'make: *** [Makefile:3: test] Error 1'));
    expect(jest.summary).toEqual(['Tests: 1 failed']);
  });

  it('keeps the last lines of output no format recognises', () => {
    const out = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const got = parseFailures(out);
    expect(got.blocks).toEqual([]);
    expect(got.text.split('\n')).toHaveLength(30);
    expect(got.text.endsWith('line 49')).toBe(true);
    const passingOnly = parseFailures(Array.from({ length: 40 }, (_, i) => `ok ${i} - adds ${i}`).join('\n'));
    expect(passingOnly.text.split('\n')).toHaveLength(30);
  });
});
