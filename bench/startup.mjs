#!/usr/bin/env node
/**
 * Benchmark: odw's start-up. `odw --version`, `odw validate` and `odw graph` of the shipped
 * flagship pipeline, each a fresh node process, against a bare `node -e 0`.
 *
 *   npm run build && node bench/startup.mjs [--reps 15] [--before /path/to/older/bin/odw.js]
 *
 * `--before` times a second odw (e.g. a copy of an older build: bin/, dist/, schemas/, pipelines/,
 * package.json and a node_modules link) in the same alternating loop, so before and after are
 * measured under the same load. All commands alternate after a warm-up each; medians are compared.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '15' }, before: { type: 'string' } } });
const REPS = Number(values.reps);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PIPELINE = join(ROOT, 'pipelines', 'parallel-review-apply.yml');

const odws = { after: join(ROOT, 'bin', 'odw.js'), ...(values.before ? { before: values.before } : {}) };
const commands = { 'node -e 0': [['-e', '0'], /^$/] };
for (const [label, bin] of Object.entries(odws)) {
  const tag = values.before ? ` (${label})` : '';
  commands[`odw --version${tag}`] = [[bin, '--version'], /\d+\.\d+/];
  commands[`odw validate${tag}`] = [[bin, 'validate', PIPELINE], /^ok /];
  commands[`odw graph${tag}`] = [[bin, 'graph', PIPELINE], /in parallel/];
}

function time([args, expected]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !expected.test(r.stdout.trim())) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];
const results = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const c of Object.values(commands)) time(c);
for (let rep = 1; rep <= REPS; rep++) for (const [k, c] of Object.entries(commands)) results[k].push(time(c));

const base = median(results['node -e 0']);
console.log(`${REPS} alternating repetitions after a warm-up; ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}`);
console.log(`load average: ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
for (const [k, xs] of Object.entries(results)) {
  const m = median(xs);
  const ratio = k === 'node -e 0' ? '' : `  ratio ${(m / base).toFixed(2)}`;
  console.log(`${`${k} (median):`.padEnd(32)} ${m.toFixed(0).padStart(4)} ms${ratio}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
}
