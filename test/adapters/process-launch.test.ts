/**
 * The two ways the process port starts a child — execa (agents, checks, exec stages) and node's
 * spawn (`direct`, odw's git calls) — behave alike: the whole process group stops on timeout and
 * on cancel, input reaches stdin, both pipes reach the same file, a missing command is named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import { processAlive } from '../helpers/process.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';

const runner = createProcessRunner();

/** A shell whose child (same process group) prints its pid, then both wait. */
const TREE = 'sleep 1000 & echo "child $!"; wait';

/**
 * A leader that, on SIGTERM, waits for its child; the child notes its SIGTERM in a file. Only a
 * signal to the whole group lets the child note it (the leader alone would wait, then be killed).
 * `ready` is printed once both traps are set (the child's, then the leader's), so the cancel
 * cannot arrive before either is in place.
 */
const GRACEFUL = [
  `sh -c 'trap "echo term > child-term; exit 0" TERM; touch child-ready; while :; do sleep 0.05; done' &`,
  'child=$!',
  `trap 'wait "$child"' TERM`,
  'while [ ! -e child-ready ]; do sleep 0.01; done',
  'echo ready',
  'wait "$child"',
].join('\n');

describe.each([
  ['execa', false],
  ['spawn (direct)', true],
])('started on %s', (_, direct) => {
  it('a timeout stops the leader and its children, and says so', async () => {
    let child = 0;
    const r = await runner.run({ command: TREE, shell: true, cwd: tempDir(), direct, timeoutMs: 300, onStdoutLine: (l) => (child = Number(l.split(' ')[1])) });
    expect(r).toMatchObject({ timedOut: true, cancelled: false, exitCode: null, signal: 'SIGTERM' });
    expect(child).toBeGreaterThan(0);
    await waitUntil(() => !processAlive(child), 'the child to be gone');
  });

  it('cancelling sends SIGTERM to the whole process group, so a child can end cleanly', async () => {
    const dir = tempDir();
    const abort = new AbortController();
    const r = await runner.run({ command: GRACEFUL, shell: true, cwd: dir, direct, signal: abort.signal, onStdoutLine: (l) => l === 'ready' && abort.abort() });
    expect(r.cancelled).toBe(true);
    expect(readFileSync(join(dir, 'child-term'), 'utf8')).toBe('term\n');
  });

  it('cancelling stops the leader and its children, and says so', async () => {
    const abort = new AbortController();
    let child = 0;
    const r = await runner.run({
      command: TREE,
      shell: true,
      cwd: tempDir(),
      direct,
      signal: abort.signal,
      onStdoutLine: (l) => {
        child = Number(l.split(' ')[1]);
        abort.abort();
      },
    });
    expect(r).toMatchObject({ timedOut: false, cancelled: true });
    await waitUntil(() => !processAlive(child), 'the child to be gone');
  });

  it('writes input to stdin, sends both pipes to one file, keeps their tails, and names a missing command', async () => {
    const dir = tempDir();
    const log = join(dir, 'out.log');
    const r = await runner.run({ command: 'cat; echo oops >&2; exit 3', shell: true, cwd: dir, direct, input: 'hello\n', stdoutFile: log, stderrFile: log });
    expect(r).toMatchObject({ exitCode: 3, stdout: 'hello\n', stderr: 'oops\n', timedOut: false, cancelled: false });
    expect(readFileSync(log, 'utf8')).toBe('hello\noops\n');
    const missing = await runner.run({ command: 'odw-no-such-command', cwd: dir, direct });
    expect(missing.spawnError).toBe('command not found: odw-no-such-command');
  });
});
