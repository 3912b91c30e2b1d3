import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigErrors, formatConfigError } from '../../src/config/errors.js';
import { loadPipeline, validateFiles, type ResolvedPipeline } from '../../src/config/load.js';
import { tempDir } from '../helpers/tmp.js';

const VALID = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));

async function load(file: string, cwd = VALID): Promise<ResolvedPipeline> {
  const result = await loadPipeline(file, { cwd });
  if (!result.ok) throw new ConfigErrors(result.errors);
  return result.pipeline;
}

describe('loadPipeline', () => {
  it('merges an extends chain with the documented rules', async () => {
    const p = await load('extends-override.yml');
    const { spec } = p;
    expect(p.name).toBe('fork');
    expect(spec).not.toHaveProperty('extends');
    expect(spec.description).toBe('A base pipeline that forks override.');
    expect(spec.concurrency).toBe(2);
    // inputs merged per input, fields overriding: only the default changed
    expect(spec.inputs?.rounds).toEqual({ type: 'number', default: 5 });
    expect(spec.inputs?.request).toMatchObject({ type: 'string', required: true });
    expect(spec.inputs?.strict).toEqual({ type: 'boolean', default: false });
    // runtimes merged per profile
    expect(spec.runtimes?.reviewer).toEqual({ agent: 'claude', permission: 'read-only', model: 'opus' });
    // workspace merged per key, a child list replacing the parent's
    expect(spec.workspace).toEqual({ copy: ['.env'], link: ['node_modules', '.venv'] });
    // stages: overrides by id at any depth, `with` merged by key, new stages appended
    const ids = spec.stages!.map((s) => s.id);
    expect(ids).toEqual(['plan', 'implement', 'fixes', 'verify']);
    const plan = spec.stages![0];
    expect(plan.runtime).toBe('reviewer');
    expect(plan.with).toEqual({ prompt: join(VALID, 'prompts/plan.hbs'), allowSharedFiles: false });
    const review = spec.stages![2].stages![0];
    expect(review.with).toEqual({ policy: 'majority', check: 'npm test' });
    expect(spec.stages![1].needs).toEqual(['plan']);
    expect(spec.stages![3].needs).toEqual(['fixes']);
  });

  it('lists every file it read and the template contents', async () => {
    const p = await load('extends-override.yml');
    const template = join(VALID, 'prompts/plan.hbs');
    expect(p.file).toBe(join(VALID, 'extends-override.yml'));
    expect(p.dir).toBe(VALID.replace(/\/$/, ''));
    expect(p.sources).toEqual([p.file, join(VALID, '_parts/base.yml'), template]);
    expect(p.templates[template]).toContain('{{inputs.request}}');
  });

  it('names a pipeline after its file when it has no name', async () => {
    expect((await load('loop.yml')).name).toBe('loop');
  });

  it('reports a missing file without a position, with the shipped pipelines as a hint', async () => {
    const result = await loadPipeline('nowhere.yml', { cwd: VALID });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(formatConfigError(result.errors[0], VALID)).toMatch(/^nowhere\.yml: pipeline file not found: nowhere\.yml/);
  });

  it("applies a child's override of a stage inside a loop group whose stages the same child replaces", async () => {
    const dir = tempDir();
    const base = [
      'stages:',
      '  - id: grp',
      '    loop: { max: 2 }',
      '    stages:',
      '      - id: inner',
      '        uses: exec',
      '        with: { run: echo base }',
      '',
    ];
    writeFileSync(join(dir, 'base.yml'), base.join('\n'));
    const child = [
      'extends: ./base.yml',
      'stages:',
      '  - id: grp',
      '    stages:',
      '      - id: inner',
      '        uses: exec',
      '        with: { run: echo list, timeout: 5s }',
      '      - id: extra',
      '        uses: exec',
      '        with: { run: echo extra }',
      '  - id: inner',
      '    with: { run: echo override }',
      '',
    ];
    writeFileSync(join(dir, 'child.yml'), child.join('\n'));
    const { spec } = await load('child.yml', dir);
    expect(spec.stages).toHaveLength(1);
    expect(spec.stages![0].stages!.map((s) => [s.id, s.with])).toEqual([
      ['inner', { run: 'echo override', timeout: '5s' }],
      ['extra', { run: 'echo extra' }],
    ]);
  });

  it('reports schema and semantic errors together', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'p.yml'),
      [
        'stages:',
        '  - id: a',
        '    uses: exec',
        '    with: { run: make, retry: 2 }',
        '  - id: b',
        '    uses: exec',
        '    needs: [c]',
        '    with: { run: make }',
        '',
      ].join('\n'),
    );
    const result = await loadPipeline('p.yml', { cwd: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => formatConfigError(e, dir))).toEqual([
      'p.yml:4:24 stages[0].with.retry: unknown key "retry" (hint: allowed keys: run, cwd, env, timeout, continueOnError)',
      'p.yml:7:13 stages[1].needs[0]: unknown stage "c"',
    ]);
  });

  it("checks a check's excerpt caps", async () => {
    const dir = tempDir();
    const stage = (excerpt: string) => ['stages:', '  - id: verify', '    uses: verify', `    with: { check: make, excerpt: ${excerpt} }`, ''].join('\n');
    writeFileSync(join(dir, 'ok.yml'), stage('{ maxLines: 40, maxChars: 4000 }'));
    expect((await loadPipeline('ok.yml', { cwd: dir })).ok).toBe(true);
    writeFileSync(join(dir, 'bad.yml'), stage('{ maxLines: 2, lines: 3 }'));
    const result = await loadPipeline('bad.yml', { cwd: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.errors.map((e) => formatConfigError(e, dir)).join('\n');
    expect(errors).toContain('stages[0].with.excerpt.maxLines');
    expect(errors).toContain('unknown key "lines"');
  });

  it('validates several files and keeps them apart', async () => {
    const results = await validateFiles(['loop.yml', 'nowhere.yml'], VALID);
    expect(results.map((r) => [r.file, r.valid, r.errors.length])).toEqual([
      ['loop.yml', true, 0],
      ['nowhere.yml', false, 1],
    ]);
  });

  it('resolves shipped pipelines by odw:<name> and reports unknown names', async () => {
    const result = await loadPipeline('odw:no-such-pipeline', { cwd: VALID });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toBe('no pipeline named "no-such-pipeline" is shipped with odw');
  });

  it('formats ConfigErrors as one line per error', () => {
    const err = new ConfigErrors([{ file: join(VALID, 'x.yml'), line: 2, col: 3, path: 'stages[0].id', message: 'bad', hint: 'fix it' }]);
    expect(err.format(VALID)).toBe('x.yml:2:3 stages[0].id: bad (hint: fix it)');
    expect(err.message).toBe('1 error in pipeline');
  });
});
