import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ODW_BIN, odw } from '../helpers/cli.js';
import { forkPipeline } from '../helpers/flagship.js';
import { GIT_TEST_ENV, gitdir, scratchDir } from '../helpers/gitdir.js';
import { calcFiles, GOOD_SUM, happyScenario } from '../helpers/scenarios.js';
import { waitUntil } from '../helpers/wait.js';

async function until(check: () => boolean | Promise<boolean>, what: string) {
  // Polls for the event; the deadline only bounds a hung test.
  await waitUntil(check, what, undefined, 100);
}

describe('watch mode with the shipped pipeline', () => {
  it('a spec edited while reviewers work cancels that run: its candidate is never applied; the new run is', async () => {
    const dir = scratchDir('odw-watch-flagship-');
    const scenario = structuredClone(happyScenario);
    scenario.review.correctness['1'] = { ...scenario.review.correctness['1'], sleepOnce: 30 };
    const scenarioFile = join(dir, 'scenario.json');
    writeFileSync(scenarioFile, JSON.stringify(scenario));
    const spec = join(dir, 'SPEC.md');
    writeFileSync(spec, 'sum must add\n');
    const repo = await gitdir({ files: calcFiles });
    const child = spawn(
      process.execPath,
      [
        ODW_BIN,
        'run',
        forkPipeline(dir),
        '--watch',
        '--repo',
        repo.dir,
        '--input',
        'request=add sum',
        '--input',
        `spec=${spec}`,
        '--input',
        'check=node test/check.mjs',
      ],
      { cwd: repo.dir, env: { ...process.env, ...GIT_TEST_ENV, CI: '1', ODW_SCENARIO: scenarioFile } },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await until(() => existsSync(`${scenarioFile}.slept`), 'a reviewer of the first run to be at work');
      expect(await repo.git(['status', '--porcelain'])).toBe('');
      writeFileSync(spec, 'sum must add, and the docs must say so\n');
      await until(() => /✓ run \S+ succeeded/.test(out), 'the second run to succeed');
      const list = JSON.parse((await odw(['runs', 'list', '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
      expect(list.runs.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'cancelled']);
      const first = JSON.parse((await odw(['runs', 'show', list.runs[1].id, '--json', '--repo', repo.dir], { cwd: repo.dir })).stdout);
      expect(first.history.map((h: { step: string }) => h.step)).not.toContain('apply');
      expect(await repo.read('src/math.js')).toBe(GOOD_SUM);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('close', r));
    }
    expect(child.exitCode).toBe(0);
  });
});
