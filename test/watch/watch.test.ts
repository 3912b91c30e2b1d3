import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ODW_BIN, odw } from '../helpers/cli.js';
import { processAlive } from '../helpers/process.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function startWatch(dir: string, args: string[]) {
  const child = spawn(process.execPath, [ODW_BIN, 'run', 'pipeline.yml', '--watch', ...args], { cwd: dir, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  children.push(child);
  const out = { text: '' };
  child.stdout!.on('data', (d) => (out.text += d));
  child.stderr!.on('data', (d) => (out.text += d));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  return { child, out, exited };
}

async function until(check: () => boolean, what: string) {
  // Polls for the event; the deadline only bounds a hung test.
  await waitUntil(check, what, undefined, 50);
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

const PIPELINE = (sleep: number) => `inputs:
  spec: { type: file, default: spec.md }
stages:
  - id: read
    uses: exec
    with:
      run:
        - cp "{{inputs.spec}}" seen.txt
        - cat "{{inputs.spec}}" >> runs.log
        - echo $$ > pid.txt; sleep ${sleep}
`;

describe('odw run --watch', () => {
  it('reruns when the spec changes, debouncing a burst of saves into one run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'spec.md'), 'v1\n');
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(0));
    const w = startWatch(dir, []);
    await until(() => count(w.out.text, '✓ run ') === 1, 'the first run');
    expect(readFileSync(join(dir, 'seen.txt'), 'utf8')).toBe('v1\n');
    for (let i = 2; i <= 5; i++) writeFileSync(join(dir, 'spec.md'), `v${i}\n`);
    await until(() => count(w.out.text, '✓ run ') === 2, 'the rerun');
    expect(readFileSync(join(dir, 'seen.txt'), 'utf8')).toBe('v5\n');
    // One more edit: had the burst started a second rerun, the log would hold it before v6.
    writeFileSync(join(dir, 'spec.md'), 'v6\n');
    await until(() => count(w.out.text, '✓ run ') === 3, 'the run after one more edit');
    expect(readFileSync(join(dir, 'runs.log'), 'utf8')).toBe('v1\nv5\nv6\n');
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
  });

  it('cancels a run in flight when a file changes, then starts the new one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'spec.md'), 'v1\n');
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(30));
    const w = startWatch(dir, []);
    await until(() => existsSync(join(dir, 'pid.txt')), 'the first run to start sleeping');
    const firstPid = Number(readFileSync(join(dir, 'pid.txt'), 'utf8'));
    writeFileSync(join(dir, 'spec.md'), 'v2\n');
    await until(() => w.out.text.includes('run') && count(w.out.text, ' cancelled in ') >= 1, 'the cancellation');
    await until(() => readFileSync(join(dir, 'seen.txt'), 'utf8') === 'v2\n', 'the second run');
    expect(processAlive(firstPid)).toBe(false);
    const list = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: dir })).stdout);
    expect(list.runs.map((r: { status: string }) => r.status)).toEqual(['running', 'cancelled']);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    const after = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: dir })).stdout);
    expect(after.runs.map((r: { status: string }) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a missing input file is reported and watched for: creating it starts the run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(0));
    const w = startWatch(dir, []);
    await until(() => w.out.text.includes('watching for changes; nothing was run'), 'the input error');
    expect(w.out.text).toContain('odw: input "spec": file not found: spec.md');
    writeFileSync(join(dir, 'spec.md'), 'v1\n');
    await until(() => count(w.out.text, '✓ run ') === 1, 'the run once the file exists');
    expect(readFileSync(join(dir, 'seen.txt'), 'utf8')).toBe('v1\n');
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
  });

  it('an invalid edit prints the located error and keeps watching; fixing it runs again', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'spec.md'), 'v1\n');
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(0));
    const w = startWatch(dir, []);
    await until(() => count(w.out.text, '✓ run ') === 1, 'the first run');
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(0).replace('uses: exec', 'uses: exce'));
    await until(() => w.out.text.includes('pipeline.yml:5:'), 'the located error');
    expect(w.out.text).toContain('the pipeline is invalid, nothing was run');
    expect(w.child.exitCode).toBeNull();
    writeFileSync(join(dir, 'pipeline.yml'), PIPELINE(0));
    await until(() => count(w.out.text, '✓ run ') === 2, 'the run after the fix');
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
  });
});
