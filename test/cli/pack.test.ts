/**
 * What `npm pack` ships is a working odw: the tarball (packed here from the built tree, as
 * `npm test` leaves it; `prepare` builds it on a fresh clone or a git install) holds the built
 * CLI, the shipped pipelines with their prompts, the schemas and the report templates, and odw
 * started from the unpacked tarball validates its pipeline, prints its schema and runs a pipeline
 * to a report — all offline.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { gitdir } from '../helpers/gitdir.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let files: string[] = [];
let pkg = '';
let out = '';

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'odw-pack-'));
  // --ignore-scripts: pack the tree npm test just built rather than build it again (prepare)
  const packed = await run('npm', ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info.files.map((f) => f.path);
  mkdirSync(join(out, 'x'));
  await run('tar', ['-xzf', join(out, info.filename), '-C', join(out, 'x')]);
  pkg = join(out, 'x', 'package');
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function odw(args: string[], cwd: string) {
  return run(process.execPath, [join(pkg, 'bin', 'odw.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
}

describe('the npm package', () => {
  it('ships the built CLI, the pipelines and their prompts, the schemas and the report templates, not the sources or tests', () => {
    for (const f of [
      'package.json',
      'bin/odw.js',
      'dist/cli/main.js',
      'pipelines/parallel-review-apply.yml',
      'pipelines/review.yml',
      'schemas/pipeline.schema.json',
      'schemas/review.schema.json',
      'schemas/plan.schema.json',
      'src/report/templates/report.hbs',
    ]) {
      expect(files).toContain(f);
    }
    for (const p of ['implement', 'plan', 'repair', 'review', 'review-change']) expect(files).toContain(`pipelines/prompts/${p}.hbs`);
    expect(files.filter((f) => /^(test|bench|scripts|examples|node_modules)\//.test(f) || /\.ts$/.test(f))).toEqual([]);
  });

  it('runs from the unpacked tarball: --version, validate and graph of the shipped pipeline, schema', async () => {
    const cwd = tempDir('odw-pack-cwd-');
    expect((await odw(['--version'], cwd)).stdout.trim()).toBe(version);
    const validate = await odw(['validate', join(pkg, 'pipelines', 'parallel-review-apply.yml')], cwd);
    expect(validate.stdout).toContain('parallel-review-apply.yml');
    expect((await odw(['validate', join(pkg, 'pipelines', 'review.yml')], cwd)).stdout).toContain('ok');
    expect((await odw(['graph', 'parallel-review-apply'], cwd)).stdout).toContain('review');
    expect(JSON.parse((await odw(['schema'], cwd)).stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas', 'pipeline.schema.json'), 'utf8')));
  });

  it('runs a pipeline and writes its HTML report from the shipped templates', async () => {
    const repo = await gitdir({ files: { 'pipeline.yml': 'stages:\n  - id: hello\n    uses: exec\n    with: { run: echo packed odw }\n' } });
    try {
      await odw(['run', 'pipeline.yml'], repo.dir);
      const [id] = readdirSync(join(repo.dir, '.odw', 'runs')).filter((d) => existsSync(join(repo.dir, '.odw', 'runs', d, 'run.json')));
      const report = readFileSync(join(repo.dir, '.odw', 'runs', id, 'report.html'), 'utf8');
      expect(report).toContain('<svg class="graph"');
      expect(report).toContain(id);
    } finally {
      await repo.cleanup();
    }
  });
});
