/**
 * `odw run` on a real pseudo-terminal (util-linux `script`): the live view draws, the final lines
 * follow it, the process exits by itself, and Ctrl-C typed on the terminal cancels the run.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ODW_BIN } from '../helpers/cli.js';
import { flagshipArgs } from '../helpers/flagship.js';
import { gitdir, scratchDir } from '../helpers/gitdir.js';
import { files, inputs, rejectThenApprove } from '../report/scenario.js';
import type { Scenario } from '../helpers/flagship.js';

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it strips
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\r/g;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface TtyRun {
  code: number | null;
  screen: string;
  dir: string;
  /** Types on the terminal's keyboard. */
  type(text: string): void;
  done: Promise<void>;
}

async function onTerminal(scenario: Scenario, env: Record<string, string> = {}): Promise<TtyRun> {
  const repo = await gitdir({ files });
  const dir = scratchDir('odw-tty-');
  const { args, env: runEnv } = flagshipArgs(dir, repo, { scenario, inputs });
  // a pseudo-terminal made by `script` without a terminal around it has no size: give it one
  const command = `stty cols 120 rows 40; exec ${[process.execPath, ODW_BIN, ...args].map(quote).join(' ')}`;
  const { CI: _ci, NO_COLOR: _nc, ...inherited } = process.env;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: repo.dir,
    env: { ...inherited, TERM: 'xterm-256color', ...runEnv, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const result: TtyRun = { code: null, screen: '', dir, type: (t) => child.stdin.write(t), done: Promise.resolve() };
  child.stdout.on('data', (d) => (result.screen += d));
  child.stderr.on('data', (d) => (result.screen += d));
  result.done = new Promise((resolve) => child.on('close', (code) => ((result.code = code), resolve())));
  return result;
}

/** What stays on the terminal: the text after the view's last redraw. */
function lastFrame(screen: string): string {
  const text = screen.replace(ANSI, '');
  return text.slice(text.lastIndexOf('parallel-review-apply · run') - 2);
}

describe('odw run on a terminal', () => {
  it('draws the live view; the final frame and the summary lines stay; the process exits', async () => {
    const run = await onTerminal(rejectThenApprove);
    await run.done;
    expect(run.code).toBe(0);
    const frame = lastFrame(run.screen);
    expect(frame).toMatch(/^✔ parallel-review-apply · run \S+ succeeded/);
    expect(frame).toContain('✔ implement r1: 3 tasks, 3 files');
    expect(frame).toContain('✔ review r1: reject blockers=2');
    expect(frame).toContain('✔ review r2: approve');
    expect(frame).toContain('✔ verify: ok, tree unchanged');
    expect(frame).toMatch(/✔ verify: ok, tree unchanged[^\n]*\n✓ run \S+ succeeded in [\d.]+m?s — approved in round 2, 3 files applied\n {2}record: /);
    // the plain renderer's lines do not show on a terminal
    expect(run.screen).not.toContain('▶ plan');
  });

  it('Ctrl-C cancels: agents are stopped, the view ends with the cancelled stages, exit 130', async () => {
    const slow = { ...rejectThenApprove, implement: { '*': { '*': { sleep: 60 } } } };
    const run = await onTerminal(slow);
    const log = join(run.dir, 'calls.jsonl');
    const started = Date.now();
    const sleeping = () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l.includes('"sleeping"')).length
        : 0;
    while (sleeping() < 3 && Date.now() - started < 40_000) await new Promise((r) => setTimeout(r, 100));
    expect(sleeping(), run.screen.replace(ANSI, '')).toBe(3);
    const typed = Date.now();
    run.type('\x03');
    await run.done;
    expect(Date.now() - typed).toBeLessThan(15_000);
    expect(run.code).toBe(130);
    const frame = lastFrame(run.screen);
    expect(frame).toMatch(/^✖ parallel-review-apply · run \S+ cancelled/);
    expect(frame).toMatch(/✖ implement: cancelled/);
    expect(frame).toMatch(/✖ math · implementer cancelled/);
    expect(frame).toMatch(/↓ apply skipped \(the run was cancelled\)/);
    expect(frame).toMatch(/✗ run \S+ cancelled in [\d.]+m?s — cancelled during implement\n/);
    expect(run.screen).toContain('odw: cancelling');
  });
});
