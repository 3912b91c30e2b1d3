#!/usr/bin/env node
/**
 * Scaling benchmark: the git work of an implementation batch, odw's git layer against a plain node
 * script doing the same git work, at several repository sizes and task counts, in one run.
 *
 *   npm run build && node bench/scale.mjs [--quick] [--files 1000,5000,50000] [--tasks 4,8,32]
 *                                         [--concurrency 4] [--big-tasks 4,8] [--reps 1]
 *
 * Per task, with `concurrency` tasks at a time (instant agents): make a workspace at the base, change
 * one file, capture the patch (add + diff), remove the workspace. odw: `withWorkspace` + `capture`
 * inside a slot (removal in the background), then `removeAll`. Plain: `git clone --shared
 * --no-checkout` + `git checkout --detach`, the change, `git add -A` + `git diff --cached --binary`,
 * `rm -rf`, all inside the slot. Then one review workspace, reused for a second round (odw only).
 * A sampler counts the checkouts present every 50 ms; peak disk = peak checkouts × `du` of one
 * checkout. Medians of --reps (1; --big-reps 1 at 50,000 files), alternating which goes first. --quick: 1,000 and 5,000 files × 4 and 8 tasks. 50,000 files runs --big-tasks only
 * (default 4,8; add 32 for the full matrix, which takes long).
 */
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { createProcessRunner } from '../dist/adapters/process.js';
import { createGit } from '../dist/git/index.js';
import { repoFolder } from '../dist/git/paths.js';
import { Semaphore } from '../dist/util/semaphore.js';

const execFile = promisify(execFileCb);
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    files: { type: 'string' },
    tasks: { type: 'string' },
    'big-tasks': { type: 'string', default: '4,8' },
    concurrency: { type: 'string', default: '4' },
    reps: { type: 'string', default: '1' },
    'big-reps': { type: 'string', default: '1' },
  },
});
const list = (s) => s.split(',').map(Number);
const FILES = list(values.files ?? (values.quick ? '1000,5000' : '1000,5000,50000'));
const TASKS = list(values.tasks ?? (values.quick ? '4,8' : '4,8,32'));
const BIG_TASKS = list(values['big-tasks']);
const C = Number(values.concurrency);
const REPS = Number(values.reps);
const BIG_REPS = Number(values['big-reps']);

const scratch = mkdtempSync(join(tmpdir(), 'odw-scale-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'b@odw.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'b@odw.invalid',
};
const git = (args, cwd) => execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
const agit = (args, cwd) => execFile('git', args, { cwd, env, maxBuffer: 1 << 28, encoding: 'buffer' });

function makeRepo(files) {
  const repo = join(scratch, `repo-${files}`);
  mkdirSync(repo, { recursive: true });
  git(['init', '-q', '-b', 'main'], repo);
  for (let i = 0; i < files; i++) {
    const dir = join(repo, 'src', `m${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `// file ${i}\nexport const value${i} = ${i};\n`.repeat(4));
  }
  git(['add', '-A'], repo);
  git(['commit', '-q', '-m', 'bench fixture'], repo);
  return { repo, base: git(['rev-parse', 'HEAD'], repo), kb: Number(execFileSync('du', ['-sk', join(repo, 'src')], { encoding: 'utf8' }).split('\t')[0]) };
}

/** Counts checkouts under `folders()` every 50 ms; returns the peak when stopped. */
function sampler(folders) {
  let peak = 0;
  const count = () => {
    let n = 0;
    for (const [dir, skip] of folders()) {
      try {
        n += readdirSync(dir).filter((e) => !skip(e)).length;
      } catch {
        /* the folder is gone: nothing to count */
      }
    }
    peak = Math.max(peak, n);
  };
  const timer = setInterval(count, 50);
  return () => (clearInterval(timer), count(), peak);
}

/** CPU seconds of this process's finished children (Linux; NaN elsewhere): steadier than wall time on a busy machine. */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

const pool = (n, fn) => {
  const slots = new Semaphore(C);
  return Promise.all(Array.from({ length: n }, (_, i) => slots.use(() => fn(i))));
};

async function odwOnce(layer, fx, tasks, tag) {
  const root = join(scratch, `odw-${tag}`);
  const run = { repo: fx.repo, runId: `bench-${tag}`, base: fx.base, runDir: join(scratch, 'runs', `odw-${tag}`), workspace: { root } };
  const folder = join(repoFolder(fx.repo, run.workspace), run.runId);
  const stop = sampler(() => [
    [folder, (e) => e === 'owner.json' || e === '.trash' || e.startsWith('.odw-git')],
    [join(folder, '.trash'), () => false],
  ]);
  const cpu = childCpu();
  const started = performance.now();
  const patches = await pool(tasks, (i) =>
    layer.withWorkspace(
      run,
      `t${i + 1}`,
      async (w) => {
        appendFileSync(join(w.path, `src/m0/f${i}.ts`), `// change by t${i + 1}\n`);
        const patch = await layer.capture(run, w);
        if (patch.files.length !== 1) throw new Error(`unexpected capture: ${patch.files}`);
        return patch;
      },
      { pendingRemovals: C },
    ),
  );
  const batch = performance.now() - started;
  await layer.removeAll(run);
  const total = performance.now() - started;
  const peak = stop();
  rmSync(root, { recursive: true, force: true });
  return { batch, total, peak, patches, cpu: childCpu() - cpu };
}

/** Two review rounds on one kept workspace (the first makes it, the second resets it) against a new workspace per round. */
async function reviewRounds(layer, fx, patches) {
  const run = {
    repo: fx.repo,
    runId: 'bench-review',
    base: fx.base,
    runDir: join(scratch, 'runs', 'odw-review'),
    workspace: { root: join(scratch, 'odw-review') },
  };
  const combined = await layer.combine(run, patches.slice(0, 2), { name: 'candidate' });
  if (!combined.ok) throw new Error('no candidate');
  const time = async (options) => {
    const t = performance.now();
    await layer.withReviewWorkspace(run, combined.candidate, async () => undefined, options);
    return performance.now() - t;
  };
  const fresh = await time(undefined);
  const r1 = await time({ reuse: 'review' });
  const r2 = await time({ reuse: 'review' });
  await layer.removeAll(run);
  return { fresh, r1, r2 };
}

async function plainOnce(fx, tasks, tag) {
  const root = join(scratch, `plain-${tag}`);
  const out = join(scratch, 'runs', `plain-${tag}`);
  mkdirSync(root, { recursive: true });
  mkdirSync(out, { recursive: true });
  const stop = sampler(() => [[root, () => false]]);
  const cpu = childCpu();
  const started = performance.now();
  await pool(tasks, async (i) => {
    const dir = join(root, `t${i + 1}`);
    await agit(['clone', '-q', '--shared', '--no-checkout', fx.repo, dir], root);
    await agit(['checkout', '-q', '--detach', fx.base], dir);
    appendFileSync(join(dir, `src/m0/f${i}.ts`), `// change by t${i + 1}\n`);
    await agit(['add', '-A'], dir);
    const diff = await agit(['diff', '--cached', '--binary', fx.base], dir);
    writeFileSync(join(out, `t${i + 1}.patch`), diff.stdout);
    await execFile('rm', ['-rf', '--', dir]);
  });
  const total = performance.now() - started;
  const peak = stop();
  rmSync(root, { recursive: true, force: true });
  return { total, peak, cpu: childCpu() - cpu };
}

async function main() {
  const layer = createGit({ process: createProcessRunner() });
  console.log(
    `odw vs plain git, concurrency ${C}, ${REPS} rep(s); ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ${git(['--version'])}; load ${loadavg()[0].toFixed(1)}`,
  );
  console.log('files  tasks | odw ms  plain ms  ratio | cpu s odw/plain  ratio | peak checkouts odw/plain | peak disk odw/plain MB');
  const rows = [];
  const reviews = [];
  for (const files of FILES) {
    const fx = makeRepo(files);
    let last;
    for (const tasks of files >= 50000 && !values.tasks ? BIG_TASKS : TASKS) {
      const o = [];
      const p = [];
      for (let rep = 0; rep < (files >= 50000 ? BIG_REPS : REPS); rep++) {
        const tag = `${files}-${tasks}-${rep}`;
        // Alternate which goes first.
        if (rep % 2) {
          p.push(await plainOnce(fx, tasks, tag));
          o.push(await odwOnce(layer, fx, tasks, tag));
        } else {
          o.push(await odwOnce(layer, fx, tasks, tag));
          p.push(await plainOnce(fx, tasks, tag));
        }
      }
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const [ot, pt] = [med(o.map((x) => x.total)), med(p.map((x) => x.total))];
      const [oc, pc] = [med(o.map((x) => x.cpu)), med(p.map((x) => x.cpu))];
      const [op, pp] = [Math.max(...o.map((x) => x.peak)), Math.max(...p.map((x) => x.peak))];
      last = o[0].patches;
      const mb = (n) => ((n * fx.kb) / 1024).toFixed(0);
      rows.push({ files, tasks, ratio: ot / pt, cpu: oc / pc, op });
      console.log(
        `${String(files).padStart(5)} ${String(tasks).padStart(6)} | ${ot.toFixed(0).padStart(6)} ${pt.toFixed(0).padStart(9)} ${(ot / pt).toFixed(2).padStart(6)} | ${`${oc.toFixed(1)}/${pc.toFixed(1)}`.padStart(15)} ${(oc / pc).toFixed(2).padStart(6)} | ${`${op}/${pp}`.padStart(24)} | ${`${mb(op)}/${mb(pp)}`.padStart(21)}`,
      );
    }
    const r = await reviewRounds(layer, fx, last);
    reviews.push(`${files} files: new workspace per round ${r.fresh.toFixed(0)} ms; kept: round 1 ${r.r1.toFixed(0)} ms, round 2 ${r.r2.toFixed(0)} ms`);
    rmSync(fx.repo, { recursive: true, force: true });
  }
  for (const line of reviews) console.log(`review workspace, ${line}`);
  console.log(
    `load at end ${loadavg()[0].toFixed(1)}; odw <= plain at every size: wall ${rows.every((r) => r.ratio <= 1) ? 'yes' : 'no'}, cpu ${rows.every((r) => r.cpu <= 1) ? 'yes' : 'no'}; odw peak checkouts <= 2 x concurrency: ${rows.every((r) => r.op <= 2 * C) ? 'yes' : 'no'}`,
  );
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
