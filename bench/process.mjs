#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: the cost odw pays per child process, through each way it can start one.
 *
 *   npm run build && node bench/process.mjs [--git 300] [--node 100] [--text 100] [--batch 10]
 *
 * Runners, all in this one node process, their batches alternating so that a busy machine slows
 * them alike:
 *   spawn      odw's process adapter on node's spawn (`direct: true`, how odw's git calls run)
 *   execa      odw's process adapter on execa (how agents, checks and exec stages run)
 *   simple-git simple-git with odw's pinned `-c` settings and environment, when it is installed
 *              (odw does not depend on it: `npm install --no-save simple-git@4.0.2` to measure it)
 * Calls:
 *   git --version          --git times, through each port runner (spawn, execa) and simple-git
 *   node -e 0              --node times, through each port runner
 *   git rev-parse HEAD     --text times in a fresh repository, through gitRunner (src/git/exec.ts)
 *                          on each port runner, and through simple-git with the same settings
 *   git rev-parse --verify --quiet refs/heads/absent   (no output, exit 1: the branch check)
 * And once: loading execa itself in a fresh node process (what `odw run` pays at start).
 * Reported per call: the median wall time, and the CPU time of this process (user + system, the
 * children excluded) divided by the calls: the work odw itself does to start and read a child,
 * steadier than wall time when other work shares the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createProcessRunner } from '../dist/adapters/process.js';
import { CLEAR_ENV, GIT_ENV, PINNED_CONFIG, gitRunner } from '../dist/git/exec.js';

const { values } = parseArgs({
  options: {
    git: { type: 'string', default: '300' },
    node: { type: 'string', default: '100' },
    text: { type: 'string', default: '100' },
    batch: { type: 'string', default: '10' },
  },
});
const BATCH = Number(values.batch);

const repo = mkdtempSync(join(tmpdir(), 'odw-bench-process-'));
execFileSync('git', ['init', '-q', repo]);
execFileSync('git', ['-C', repo, '-c', 'user.email=b@e', '-c', 'user.name=bench', 'commit', '-q', '--allow-empty', '-m', 'base']);

const runner = createProcessRunner();
const ports = {
  spawn: { run: (spec) => runner.run({ ...spec, direct: true }) },
  execa: { run: (spec) => runner.run({ ...spec, direct: false }) },
};
const gits = { spawn: gitRunner(ports.spawn), execa: gitRunner(ports.execa) };
const env = { ...process.env };
for (const name of CLEAR_ENV) delete env[name];
Object.assign(env, GIT_ENV);
// Not a dependency of odw: a name in a variable keeps type checks and knip from resolving it.
const optional = 'simple-git';
const simpleGit = await import(optional).then((m) => m.simpleGit).catch(() => undefined);
const sg = simpleGit?.({
  baseDir: repo,
  config: PINNED_CONFIG,
  // odw passes its whole environment on; simple-git's guard would otherwise refuse any GIT_* in it.
  allowEnvironment: Object.keys(env),
  unsafe: { allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true, allowUnsafePager: true },
}).env(env);
if (!sg) console.log('simple-git is not installed: its rows are left out');

/** One case: a label, how many calls, and one call per runner. */
const cases = [
  {
    label: 'git --version',
    calls: Number(values.git),
    runners: {
      spawn: () => ports.spawn.run({ command: 'git', args: ['--version'], cwd: repo }),
      execa: () => ports.execa.run({ command: 'git', args: ['--version'], cwd: repo }),
      ...(sg && { 'simple-git': () => sg.raw(['--version']) }),
    },
  },
  {
    label: 'node -e 0',
    calls: Number(values.node),
    runners: {
      spawn: () => ports.spawn.run({ command: process.execPath, args: ['-e', '0'], cwd: repo }),
      execa: () => ports.execa.run({ command: process.execPath, args: ['-e', '0'], cwd: repo }),
    },
  },
  {
    label: 'git rev-parse HEAD (pinned)',
    calls: Number(values.text),
    runners: {
      spawn: () => gits.spawn(['rev-parse', 'HEAD'], { cwd: repo }),
      execa: () => gits.execa(['rev-parse', 'HEAD'], { cwd: repo }),
      ...(sg && { 'simple-git': () => sg.raw(['rev-parse', 'HEAD']) }),
    },
  },
  {
    label: 'git rev-parse --verify --quiet (no output)',
    calls: Number(values.text),
    runners: {
      spawn: () => gits.spawn(['rev-parse', '--verify', '--quiet', 'refs/heads/absent'], { cwd: repo, allowFail: true }),
      execa: () => gits.execa(['rev-parse', '--verify', '--quiet', 'refs/heads/absent'], { cwd: repo, allowFail: true }),
      ...(sg && { 'simple-git': () => sg.raw(['rev-parse', '--verify', '--quiet', 'refs/heads/absent']) }),
    },
  },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
for (const { label, calls, runners } of cases) {
  const names = Object.keys(runners);
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, 0]));
  for (const n of names) await runners[n](); // warm-up
  for (let done = 0, round = 0; done < calls; done += BATCH, round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const n of order) {
      for (let i = 0; i < Math.min(BATCH, calls - done); i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await runners[n]();
        wall[n].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[n] += (c.user + c.system) / 1000;
      }
    }
  }
  console.log(`\n${label}, ${calls} calls each`);
  const base = median(wall.spawn);
  const baseCpu = cpu.spawn / calls;
  for (const n of names) {
    const w = median(wall[n]);
    const c = cpu[n] / calls;
    console.log(
      `  ${n.padEnd(11)} wall ${w.toFixed(2).padStart(6)} ms (×${(w / base).toFixed(2)})   odw CPU ${c.toFixed(2).padStart(5)} ms (×${(c / baseCpu).toFixed(2)})`,
    );
  }
}

/** Loading a module in a fresh node process: [wall ms, CPU ms], medians of 7. */
function load(specifier) {
  const code = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)}); const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const runs = Array.from({ length: 7 }, () =>
    execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim().split(' ').map(Number),
  );
  return [median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))];
}
const [loadWall, loadCpu] = load('execa');
console.log(`\nloading execa in a fresh node process: wall ${loadWall.toFixed(1)} ms, CPU ${loadCpu.toFixed(1)} ms`);
rmSync(repo, { recursive: true, force: true });
