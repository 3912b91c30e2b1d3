#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: reading a child's output through odw's process runner, one huge line against the
 * same bytes in ordinary lines, and against a plain baseline.
 *
 *   npm run build && node bench/output-lines.mjs [--mb 50] [--reps 3] [--old-mb 0]
 *
 * The child (node) prints N MB of JSON-ish text either as ONE line or as 80-character lines.
 * Readers:
 *   odw       createProcessRunner().run() with stdoutFile and an onStdoutLine handler (as agent
 *             calls use it: every line to a handler, every byte to a file)
 *   baseline  node's child_process.spawn, stdout piped into a file (no line splitting at all)
 *   old       (only with --old-mb M > 0, on M MB) the line splitting odw had before: a growing
 *             `pending` string re-scanned with indexOf and sliced after every chunk
 * Each measurement runs in a fresh node process, so its peak memory (max RSS) and CPU time (of
 * the reading process, the child excluded; steadier than wall time on a busy machine) are its
 * own. The readers alternate; medians are reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '50' },
    reps: { type: 'string', default: '3' },
    'old-mb': { type: 'string', default: '0' },
    one: { type: 'string' },
    shape: { type: 'string' },
    out: { type: 'string' },
  },
});

/** The child: N MB as one line (`one`) or in 80-character lines (`lines`), written in 1 MB pieces. */
const childScript = (mb, shape) => `
const piece = Buffer.alloc(1 << 20, 'x');
if (${JSON.stringify(shape)} === 'lines') for (let i = 79; i < piece.length; i += 80) piece[i] = 10;
piece[0] = 123;
let left = ${mb};
const next = () => { while (left > 0) { left--; const last = left === 0; const buf = last ? Buffer.concat([piece, Buffer.from('\\n')]) : piece; if (!process.stdout.write(buf)) return process.stdout.once('drain', next); } };
next();`;

async function measure(reader, mb, shape, out) {
  const args = ['-e', childScript(mb, shape)];
  const { createProcessRunner } = await import('../dist/adapters/process.js');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let lines = 0;
  if (reader === 'odw') {
    await createProcessRunner().run({ command: process.execPath, args, cwd: tmpdir(), stdoutFile: out, onStdoutLine: () => lines++ });
  } else {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const file = createWriteStream(out);
    let pending = '';
    if (reader === 'old') {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text) => {
        pending += text;
        let nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
          lines++;
          pending = pending.slice(nl + 1);
        }
      });
    } else child.stdout.pipe(file);
    await new Promise((r) => child.on('close', r));
    await new Promise((r) => file.end(r));
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, lines, bytes: statSync(out).size, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (values.one) {
  const r = await measure(values.one, Number(values.mb), values.shape, values.out);
  console.log(JSON.stringify(r));
  process.exit(0);
}

const MB = Number(values.mb);
const REPS = Number(values.reps);
const OLD_MB = Number(values['old-mb']);
const scratch = mkdtempSync(join(tmpdir(), 'odw-bench-lines-'));
const self = fileURLToPath(import.meta.url);
const run = (reader, shape, mb = MB) => {
  const out = join(scratch, `${reader}-${shape}.out`);
  const r = spawnSync(process.execPath, [self, '--one', reader, '--shape', shape, '--mb', String(mb), '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  rmSync(out, { force: true });
  return JSON.parse(r.stdout);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];
const results = {};
const cases = [
  ['odw', 'one'],
  ['baseline', 'one'],
  ['odw', 'lines'],
  ['baseline', 'lines'],
];
run('odw', 'lines', 1); // warm-up
for (let rep = 0; rep < REPS; rep++) {
  for (const [reader, shape] of cases) (results[`${reader} ${shape}`] ??= []).push(run(reader, shape));
}
const old = OLD_MB > 0 ? [run('old', 'lines', OLD_MB), run('old', 'one', OLD_MB)] : [];

console.log(`${MB} MB of output; ${REPS} alternating repetitions after a warm-up; ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}`);
console.log(`load average: ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
const row = (name) => {
  const rs = results[name];
  const ms = median(rs.map((r) => r.ms));
  const rss = Math.max(...rs.map((r) => r.maxRssMb));
  const cpu = median(rs.map((r) => r.cpuMs));
  console.log(
    `${name.padEnd(15)} ${ms.toFixed(0).padStart(6)} ms (median of ${rs.map((r) => r.ms.toFixed(0)).join(' ')}), cpu ${cpu.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MB, ${rs[0].lines} lines to the handler, ${rs[0].bytes} bytes in the file`,
  );
  return ms;
};
const m = Object.fromEntries(Object.keys(results).map((k) => [k, row(k)]));
const cpu = (k) => median(results[k].map((r) => r.cpuMs));
for (const [i, shape] of ['lines', 'one'].entries()) {
  if (old[i])
    console.log(
      `old ${shape.padEnd(11)} ${old[i].ms.toFixed(0).padStart(6)} ms on ${OLD_MB} MB (the splitting odw had before), cpu ${old[i].cpuMs.toFixed(0)} ms, peak RSS ${old[i].maxRssMb.toFixed(0)} MB`,
    );
}
const ratio = (a, b) => `${(m[a] / m[b]).toFixed(2)} wall, ${(cpu(a) / cpu(b)).toFixed(2)} cpu`;
console.log(`ratio one line / 80-char lines (odw):  ${ratio('odw one', 'odw lines')}`);
console.log(`ratio odw / baseline, one line:        ${ratio('odw one', 'baseline one')}`);
console.log(`ratio odw / baseline, 80-char lines:   ${ratio('odw lines', 'baseline lines')}`);
rmSync(scratch, { recursive: true, force: true });
