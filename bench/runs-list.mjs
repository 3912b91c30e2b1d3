#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: `odw runs list` and `odw runs show latest` on a repository with thousands of recorded
 * runs, against the plainest way to list the newest run folders (`ls .odw/runs | sort -r | head
 * -20`, done by node).
 *
 *   npm run build && node bench/runs-list.mjs [--runs 10000] [--reps 15] [--before /older/bin/odw.js]
 *
 * The fixture is what odw leaves after that many runs: a folder per run (run.json, events.jsonl)
 * and the index `.odw/runs/index.jsonl` with three lines per run (started, headline, finished).
 * Both commands start a fresh node process each time, so node's own start-up is in both; they
 * alternate after a warm-up each, and the medians are compared. `--before` times a second odw (a
 * copy of an older build) in the same loop, so before and after are measured under the same load.
 * Each command runs under bash, whose `times` gives the CPU time (user + system) of the process:
 * steadier than wall-clock time when other work shares the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, reps: { type: 'string', default: '15' }, before: { type: 'string' } } });
const RUNS = Number(values.runs);
const REPS = Number(values.reps);
const ODW = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'odw.js');

const repo = mkdtempSync(join(tmpdir(), 'odw-bench-runs-'));
process.on('exit', () => rmSync(repo, { recursive: true, force: true }));
const runs = join(repo, '.odw', 'runs');
mkdirSync(runs, { recursive: true });
const start = Date.UTC(2026, 0, 1);
const index = [];
for (let i = 0; i < RUNS; i++) {
  const startedAt = start + i * 60_000;
  const id = `${new Date(startedAt).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${(i % 65536).toString(16).padStart(4, '0')}`;
  const base = { id, pipeline: 'parallel-review-apply', startedAt, pid: 1 };
  const done = { ...base, status: 'succeeded', durationMs: 90_000, headline: `approved in round ${1 + (i % 3)}, ${1 + (i % 9)} files applied` };
  mkdirSync(join(runs, id, 'logs'), { recursive: true });
  writeFileSync(
    join(runs, id, 'run.json'),
    JSON.stringify({ ...done, pipeline: { file: 'pipeline.yml', name: base.pipeline }, repo, inputs: {}, stages: {}, history: [] }, null, 2),
  );
  writeFileSync(join(runs, id, 'events.jsonl'), `${JSON.stringify({ ts: startedAt, type: 'run_started', runId: id, pipeline: base.pipeline })}\n`);
  index.push(JSON.stringify({ ...base, status: 'running' }), JSON.stringify({ ...base, status: 'running', headline: done.headline }), JSON.stringify(done));
}
writeFileSync(join(runs, 'index.jsonl'), `${index.join('\n')}\n`);

const BASELINE = `const fs = require('fs'); for (const d of fs.readdirSync(${JSON.stringify(runs)}).sort().reverse().slice(0, 20)) console.log(d);`;
/** @type {Record<string, [string, string[]]>} */
const commands = {
  odw: [process.execPath, [ODW, 'runs', 'list', '--repo', repo]],
  show: [process.execPath, [ODW, 'runs', 'show', 'latest', '--repo', repo]],
  baseline: [process.execPath, ['-e', BASELINE]],
  // odw's start-up alone (loading its modules), for reading the result
  startup: [process.execPath, [ODW, '--version']],
};
if (values.before) {
  commands['odw (before)'] = [process.execPath, [values.before, 'runs', 'list', '--repo', repo]];
  commands['show (before)'] = [process.execPath, [values.before, 'runs', 'show', 'latest', '--repo', repo]];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];

function time([cmd, args]) {
  const t0 = performance.now();
  const script = '"$0" "$@"; s=$?; times >&2; exit $s';
  const r = spawnSync('bash', ['-c', script, cmd, ...args], { cwd: repo, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const c = r.stderr
    .trim()
    .split('\n')
    .at(-1)
    .match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  const cpu = (Number(c[1]) * 60 + Number(c[2]) + Number(c[3]) * 60 + Number(c[4])) * 1000;
  return { ms, cpu, lines: r.stdout.trim().split('\n').length, first: r.stdout.split('\n')[0] };
}

for (const c of Object.values(commands)) time(c);
const results = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const newest = index.at(-1).slice(7, 7 + 20);
for (let rep = 1; rep <= REPS; rep++) {
  for (const [k, c] of Object.entries(commands)) {
    const r = time(c);
    results[k].push(r.ms);
    cpu[k].push(r.cpu);
    if (k.startsWith('odw') && r.lines !== 21) throw new Error(`unexpected output: ${k} ${r.lines} lines`);
    if (k.startsWith('show') && !r.first.includes(newest)) throw new Error(`unexpected output: ${k} shows ${r.first}`);
    if (k === 'baseline' && r.lines !== 20) throw new Error(`unexpected output: baseline ${r.lines} lines`);
  }
}
const baseline = median(results.baseline);
const cpuBase = median(cpu.baseline);
const row = (label, k) =>
  console.log(
    `${label.padEnd(40)} ${median(results[k]).toFixed(0).padStart(4)} ms ${(median(results[k]) / baseline).toFixed(2).padStart(6)}  ${median(cpu[k]).toFixed(0).padStart(4)} ms ${(median(cpu[k]) / cpuBase).toFixed(2).padStart(6)}  [${results[k].map((x) => x.toFixed(0)).join(' ')}]`,
  );
console.log(
  `runs: ${RUNS} (index ${index.length} lines); ${REPS} alternating repetitions after a warm-up; ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}`,
);
console.log(`load average: ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
console.log(`${'(medians)'.padEnd(40)}    wall  ratio     cpu  ratio  (wall of each repetition in [])`);
row('ls | sort -r | head (node):', 'baseline');
row('odw runs list:', 'odw');
row('odw runs show latest:', 'show');
if (values.before) {
  row('odw runs list, before:', 'odw (before)');
  row('odw runs show latest, before:', 'show (before)');
}
row("odw --version (odw's start-up):", 'startup');
