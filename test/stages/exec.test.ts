import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStages } from '../helpers/interp.js';
import { tempDir } from '../helpers/tmp.js';
import { processAlive as alive } from '../helpers/process.js';
import { waitUntil } from '../helpers/wait.js';

describe('exec stage', () => {
  it('runs commands in the repository, logs them, and exposes outputs', async () => {
    const r = await runStages(
      [
        {
          id: 'build',
          uses: 'exec',
          with: {
            run: [
              'echo "hello {{inputs.who}}" > greeting.txt',
              'echo "lines=$(wc -l < greeting.txt | tr -d " ")" >> "$ODW_OUTPUT"',
              'printf "multi<<EOF\\na\\nb\\nEOF\\n" >> "$ODW_OUTPUT"',
              'echo built',
            ],
            env: { WHO: '{{inputs.who}}' },
          },
        },
        { id: 'use', uses: 'exec', needs: 'build', with: { run: 'echo "{{stages.build.outputs.lines}} $WHO" > used.txt', env: { WHO: '{{inputs.who}}' } } },
      ],
      { inputs: { who: 'odw' } },
    );
    expect(r.status).toBe('succeeded');
    expect(readFileSync(join(r.repo, 'greeting.txt'), 'utf8')).toBe('hello odw\n');
    expect(readFileSync(join(r.repo, 'used.txt'), 'utf8')).toBe('1 odw\n');
    expect(r.record.stages.build.outputs).toMatchObject({ exitCode: 0, stdout: 'built', lines: '1', multi: 'a\nb' });
    const log = readFileSync(r.record.stages.build.log!, 'utf8');
    expect(log).toContain('$ echo built\nbuilt\n');
  });

  it('fails with the command, exit code and stderr tail', async () => {
    const r = await runStages([{ id: 'test', uses: 'exec', with: { run: ['echo one', 'echo "3 tests failed" >&2; exit 3', 'echo never > never.txt'] } }]);
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('exec_failed');
    expect(r.error?.message).toBe('stage test: command "echo "3 tests failed" >&2; exit 3" exited with code 3\n3 tests failed');
    expect(existsSync(join(r.repo, 'never.txt'))).toBe(false);
  });

  it('a cwd that does not exist is named as such, not as a missing command', async () => {
    const r = await runStages([{ id: 'where', uses: 'exec', with: { run: 'pwd', cwd: 'no-such-dir' } }]);
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('exec_failed');
    expect(r.error?.message).toBe(`stage where: command "pwd" could not start: working directory not found: ${join(r.repo, 'no-such-dir')}`);
  });

  it('continueOnError records the failure without failing the run', async () => {
    const r = await runStages([
      { id: 'lint', uses: 'exec', with: { run: 'exit 1', continueOnError: true } },
      { id: 'next', uses: 'exec', needs: 'lint', when: "stages.lint.status == 'failed'", with: { run: 'true' } },
    ]);
    expect(r.status).toBe('succeeded');
    expect(r.record.stages.lint.status).toBe('failed');
    expect(r.record.stages.next.status).toBe('succeeded');
  });

  it('a timeout kills the whole process group', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'grandchild.pid');
    const r = await runStages([{ id: 'hang', uses: 'exec', with: { run: `sleep 30 & echo $! > ${pidFile}; wait`, timeout: '1s' } }]);
    expect(r.status).toBe('failed');
    expect(r.error?.category).toBe('stage_timeout');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitUntil(() => !alive(pid), 'the grandchild to be killed');
  });

  it('cancellation kills running commands and leaves a cancelled record', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'sleep.pid');
    const controller = new AbortController();
    // Cancelled once the command runs (its pid file exists).
    void waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim(), 'the command to start').then(() => controller.abort());
    const r = await runStages([{ id: 'hang', uses: 'exec', with: { run: `sleep 30 & echo $! > ${pidFile}; wait` } }], { signal: controller.signal });
    expect(r.status).toBe('cancelled');
    expect(r.record.stages.hang.status).toBe('cancelled');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitUntil(() => !alive(pid), 'the cancelled command to be killed');
  });
});
