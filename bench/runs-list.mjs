#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: `odw runs list` on a repository with thousands of recorded runs, against the plainest
 * way to list the newest run folders (`ls .odw/runs | sort -r | head -20`, done by node).
 *
 *   npm run build && node bench/runs-list.mjs [--runs 3000] [--reps 15]
 *
 * The fixture is what odw leaves after that many runs: a folder per run (run.json, events.jsonl)
 * and the index `.odw/runs/index.jsonl` with three lines per run (started, headline, finished).
 * Both commands start a fresh node process each time, so node's own start-up is in both; they
 * alternate after a warm-up each, and the medians are compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3000' }, reps: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
const REPS = Number(values.reps);
const ODW = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'odw.js');

const repo = mkdtempSync(join(tmpdir(), 'odw-bench-runs-'));
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
  writeFileSync(join(runs, id, 'run.json'), JSON.stringify({ ...done, pipeline: { file: 'pipeline.yml', name: base.pipeline }, repo, inputs: {}, stages: {}, history: [] }, null, 2));
  writeFileSync(join(runs, id, 'events.jsonl'), `${JSON.stringify({ ts: startedAt, type: 'run_started', runId: id, pipeline: base.pipeline })}\n`);
  index.push(JSON.stringify({ ...base, status: 'running' }), JSON.stringify({ ...base, status: 'running', headline: done.headline }), JSON.stringify(done));
}
writeFileSync(join(runs, 'index.jsonl'), `${index.join('\n')}\n`);

const BASELINE = `const fs = require('fs'); for (const d of fs.readdirSync(${JSON.stringify(runs)}).sort().reverse().slice(0, 20)) console.log(d);`;
/** @type {Record<string, [string, string[]]>} */
const commands = {
  odw: [process.execPath, [ODW, 'runs', 'list', '--repo', repo]],
  baseline: [process.execPath, ['-e', BASELINE]],
  // odw's start-up alone (loading its modules), for reading the result
  startup: [process.execPath, [ODW, '--version']],
};

function time([cmd, args]) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: repo, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, lines: r.stdout.trim().split('\n').length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];
time(commands.odw);
time(commands.baseline);
const results = { odw: [], baseline: [], startup: [] };
for (let rep = 1; rep <= REPS; rep++) {
  const a = time(commands.odw);
  const b = time(commands.baseline);
  results.odw.push(a.ms);
  results.baseline.push(b.ms);
  results.startup.push(time(commands.startup).ms);
  if (a.lines !== 21 || b.lines !== 20) throw new Error(`unexpected output: odw ${a.lines} lines, baseline ${b.lines}`);
}
const odw = median(results.odw);
const baseline = median(results.baseline);
console.log(`runs: ${RUNS} (index ${index.length} lines); ${REPS} alternating repetitions after a warm-up; ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}`);
console.log(`load average: ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
console.log(`odw runs list (median):           ${odw.toFixed(0)} ms  [${results.odw.map((x) => x.toFixed(0)).join(' ')}]`);
console.log(`ls | sort -r | head (node, median): ${baseline.toFixed(0)} ms  [${results.baseline.map((x) => x.toFixed(0)).join(' ')}]`);
console.log(`odw --version (median):           ${median(results.startup).toFixed(0)} ms  (odw's start-up, in both odw figures)`);
console.log(`ratio odw/baseline: ${(odw / baseline).toFixed(2)}`);
rmSync(repo, { recursive: true, force: true });
