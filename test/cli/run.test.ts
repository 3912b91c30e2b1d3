import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ODW_BIN, ROOT, odw } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';

const example = join(ROOT, 'examples/hello/pipeline.yml');

describe('odw run', () => {
  it('runs the example: parallel stages, a skipped stage, a loop and an extends override', async () => {
    const repo = tempDir();
    const r = await odw(['run', example, '--repo', repo], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/- strict-check skipped \(when: inputs\.strict\)/);
    expect(r.stdout).toMatch(/↻ wait-ready: 2 rounds/);
    const show = await odw(['runs', 'show', 'latest', '--json', '--repo', repo], { cwd: repo });
    expect(show.code).toBe(0);
    const record = JSON.parse(show.stdout);
    expect(record.status).toBe('succeeded');
    expect(record.inputs.greeting).toBe('hello from the fork');
    const steps = record.history.map((h: { stage: string; status: string; round?: number }) => `${h.stage}${h.round ? `@${h.round}` : ''}:${h.status}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'prepare:succeeded',
        'lint:succeeded',
        'count:succeeded',
        'poll@1:succeeded',
        'poll@2:succeeded',
        'strict-check:skipped',
        'report:succeeded',
      ]),
    );
    expect(steps.at(-1)).toBe('report:succeeded');
    const greeting = readFileSync(join(repo, '.odw/runs', record.id, 'work/greeting.txt'), 'utf8');
    expect(greeting).toBe('hello from the fork\n');
    const text = await odw(['runs', 'show', '--repo', repo], { cwd: repo });
    expect(text.stdout).toMatch(/^Run \S+ {2}succeeded/);
    expect(text.stdout).toMatch(/report: ok — \d+ top-level entries, ready after 2 polls/);
  });

  it('takes inputs from the command line: a when-condition turned on', async () => {
    const repo = tempDir();
    const r = await odw(['run', example, '--repo', repo, '--input', 'strict=true', '--input', 'attempts=1'], { cwd: repo });
    // one round is not enough for the poll to report ready: the loop stops at its ceiling
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ strict-check succeeded/);
    expect(r.stdout).toMatch(/wait-ready: 1 round \(ceiling reached\)/);
  });

  it('an unknown input is a usage error with a did-you-mean, and nothing runs', async () => {
    const repo = tempDir();
    const r = await odw(['run', example, '--repo', repo, '--input', 'greting=hi'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('odw: --input greting: the pipeline declares no input "greting"');
    expect(r.stderr).toContain('hint: did you mean "greeting"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo, '.odw/runs'))).toBe(false);
  });

  it('a missing agent CLI is a set-up error before anything runs', async () => {
    const repo = tempDir();
    const r = await odw(['run', 'parallel-review-apply', '--repo', repo, '--input', 'request=add a flag'], {
      cwd: repo,
      env: { PATH: dirname(process.execPath), ODW_CODEX_BIN: '' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('odw: runtime "planner" (codex) needs `codex`, which is not installed or not on PATH');
    expect(r.stderr).toContain('hint: install it with `npm install -g @openai/codex`');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo, '.odw/runs'))).toBe(false);
  });

  it('an invalid pipeline prints located errors, exits 2 and runs nothing', async () => {
    const repo = tempDir();
    const file = join(repo, 'p.yml');
    writeFileSync(
      file,
      'stages:\n  - id: a\n    uses: exec\n    with: { run: "true" }\n  - id: b\n    uses: exec\n    needs: [c]\n    with: { run: "true" }\n',
    );
    const r = await odw(['run', 'p.yml'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^p\.yml:7:\d+ stages\[1\]\.needs\[0\]: /m);
    expect(existsSync(join(repo, '.odw/runs'))).toBe(false);
  });

  it('a failing stage fails the run with exit 1, and runs show puts the failure first', async () => {
    const repo = tempDir();
    writeFileSync(
      join(repo, 'p.yml'),
      'stages:\n  - id: test\n    uses: exec\n    with: { run: "echo 2 failing >&2; exit 4" }\n  - id: after\n    uses: exec\n    needs: test\n    with: { run: "true" }\n',
    );
    const r = await odw(['run', 'p.yml'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ test failed');
    const show = await odw(['runs', 'show'], { cwd: repo });
    expect(show.stdout.split('\n')[1]).toBe('Failure: exec_failed: stage test: command "echo 2 failing >&2; exit 4" exited with code 4');
    const list = await odw(['runs', 'list'], { cwd: repo });
    expect(list.stdout).toMatch(/ failed .* p {2}failed: exec_failed — stage test: command/);
    const json = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: repo })).stdout);
    expect(json.runs[0]).toMatchObject({ status: 'failed', pipeline: 'p' });
  });

  it('a run killed with SIGKILL leaves a record that runs list and show read', async () => {
    const repo = tempDir();
    writeFileSync(
      join(repo, 'p.yml'),
      'stages:\n  - id: first\n    uses: exec\n    with: { run: "echo started > started.txt" }\n  - id: slow\n    uses: exec\n    needs: first\n    with: { run: "sleep 30" }\n',
    );
    const child = spawn(process.execPath, [ODW_BIN, 'run', 'p.yml'], { cwd: repo, stdio: 'ignore' });
    // Killed once the record says the slow stage is running (not after a guessed delay).
    const runs = join(repo, '.odw/runs');
    const slowRunning = () =>
      existsSync(runs) &&
      readdirSync(runs).some((id) => {
        try {
          return JSON.parse(readFileSync(join(runs, id, 'run.json'), 'utf8')).stages?.slow?.status === 'running';
        } catch {
          return false;
        }
      });
    await waitUntil(slowRunning, 'the slow stage to be running');
    expect(existsSync(join(repo, 'started.txt'))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const list = await odw(['runs', 'list'], { cwd: repo });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/interrupted/);
    const show = await odw(['runs', 'show', 'latest'], { cwd: repo });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Run \S+ {2}interrupted/);
    expect(show.stdout).toContain('first: ok');
    expect(show.stdout).toContain('slow (exec)');
    const json = JSON.parse((await odw(['runs', 'show', 'latest', '--json'], { cwd: repo })).stdout);
    expect(json.stages.slow.status).toBe('running');
  });
});

describe('odw graph and help', () => {
  it('prints the graph as text and mermaid', async () => {
    const text = await odw(['graph', example], { cwd: ROOT });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2 +lint +exec +needs prepare/);
    const mermaid = await odw(['graph', example, '--format', 'mermaid'], { cwd: ROOT });
    expect(mermaid.stdout).toContain('prepare --> lint');
    const bad = await odw(['graph', example, '--format', 'dot'], { cwd: ROOT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format dot: expected text or mermaid');
  });

  it('every command has --help with a description for each option', async () => {
    for (const cmd of [['run'], ['validate'], ['graph'], ['runs', 'list'], ['runs', 'show'], ['schema'], ['init']]) {
      const r = await odw([...cmd, '--help'], { cwd: ROOT });
      expect(r.code, cmd.join(' ')).toBe(0);
      for (const line of r.stdout.split('\n').filter((l) => /^\s+-/.test(l))) expect(line.trim(), `${cmd.join(' ')}: ${line}`).toMatch(/^\S.*\S\s{2,}\S/);
    }
  });

  it('an unknown command is a usage error', async () => {
    const r = await odw(['rnu'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'rnu'");
    expect(r.stderr).toContain('run');
  });
});
