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
 * Each command runs under bash, whose `times` gives the CPU time (user + system) of the process:
 * steadier than wall-clock time when other work shares the machine.
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
  const script = '"$0" "$@"; s=$?; times >&2; exit $s';
  const r = spawnSync('bash', ['-c', script, process.execPath, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !expected.test(r.stdout.trim())) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  const children = r.stderr
    .trim()
    .split('\n')
    .at(-1)
    .match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  return { ms, cpu: (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];
const results = Object.fromEntries(Object.keys(commands).map((k) => [k, { ms: [], cpu: [] }]));
for (const c of Object.values(commands)) time(c);
for (let rep = 1; rep <= REPS; rep++) {
  for (const [k, c] of Object.entries(commands)) {
    const { ms, cpu } = time(c);
    results[k].ms.push(ms);
    results[k].cpu.push(cpu);
  }
}

const base = results['node -e 0'];
console.log(`${REPS} alternating repetitions after a warm-up; ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}`);
console.log(`load average: ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
console.log(`${''.padEnd(32)}   wall   ratio    cpu   ratio  (medians; wall of each repetition in [])`);
for (const [k, r] of Object.entries(results)) {
  const [ms, cpu] = [median(r.ms), median(r.cpu)];
  const ratio = (x, b) => (k === 'node -e 0' ? '' : (x / b).toFixed(2)).padStart(7);
  console.log(
    `${k.padEnd(32)} ${ms.toFixed(0).padStart(4)} ms${ratio(ms, median(base.ms))} ${cpu.toFixed(0).padStart(4)} ms${ratio(cpu, median(base.cpu))}  [${r.ms.map((x) => x.toFixed(0)).join(' ')}]`,
  );
}
