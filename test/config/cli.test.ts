/** `odw validate` and `odw schema` through the built binary (npm test builds first). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const VALID = join(ROOT, 'test/fixtures/valid');
const INVALID = join(ROOT, 'test/fixtures/invalid');

describe('odw validate', () => {
  it('prints ok per valid file and exits 0', async () => {
    const r = await odw(['validate', 'loop.yml', 'when.yml', 'extends-override.yml'], { cwd: VALID });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok loop.yml\nok when.yml\nok extends-override.yml\n');
    expect(r.code).toBe(0);
  });

  it('prints every error on stderr with a summary, exits 2, and never a stack trace', async () => {
    const r = await odw(['validate', 'several-errors.yml', 'cycle.yml', join(VALID, 'loop.yml')], { cwd: INVALID });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`ok ${join(VALID, 'loop.yml')}\n`);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'several-errors.yml:6:1 concurency: unknown key "concurency" (hint: did you mean "concurrency"?)',
      'several-errors.yml:10:24 stages[0].with.timeout: must be a duration such as 90s, 30m, 2h or a number of seconds',
      'several-errors.yml:13:20 stages[1].needs[1]: unknown stage "lint"',
      'several-errors.yml:14:13 stages[1].with.run: unknown input "suite" (template column 8) (hint: declare it under "inputs:")',
      'cycle.yml:5:13 stages[0].needs[0]: dependency cycle: a → c → b → a',
      '5 errors in 2 files',
    ]);
    expect(r.stderr).not.toContain('    at ');
  });

  it('reports errors of an extended file at that file', async () => {
    const r = await odw(['validate', 'extends-parent-error.yml'], { cwd: INVALID });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('_parts/base-bad.yml:6:5 stages[0].retries: unknown key "retries"');
  });

  it('reports a missing file and a YAML syntax error without stack traces', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yml'), 'stages: [\n');
    const r = await odw(['validate', 'nowhere.yml', 'bad.yml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nowhere\.yml: pipeline file not found: nowhere\.yml/m);
    expect(r.stderr).toMatch(/^bad\.yml:2:1: YAML syntax error: /m);
    expect(r.stderr).toMatch(/2 errors in 2 files\n$/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('prints JSON with --json', async () => {
    const r = await odw(['validate', '--json', 'self-need.yml', join(VALID, 'loop.yml')], { cwd: INVALID });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      valid: false,
      files: [
        {
          file: 'self-need.yml',
          valid: false,
          errors: [{ file: 'self-need.yml', line: 5, col: 5, path: 'stages[0].needs', message: 'stage "build" needs itself' }],
        },
        { file: join(VALID, 'loop.yml'), valid: true, errors: [] },
      ],
    });
  });

  it('needs at least one file', async () => {
    const r = await odw(['validate'], { cwd: VALID });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });
});

describe('odw schema', () => {
  it('prints the pipeline schema', async () => {
    const r = await odw(['schema'], { cwd: VALID });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas/pipeline.schema.json'), 'utf8')));
  });
});
