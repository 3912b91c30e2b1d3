#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: odw's git layer against a plain shell script doing the same git work.
 *
 *   npm run build && node bench/worktrees.mjs [--files 5000] [--tasks 8] [--reps 7]
 *
 * One repository with N files; each repetition (a) creates the task worktrees in parallel with
 * odw, changes one file in each, captures the patches and removes the worktrees, and (b) does the
 * same with `git worktree add --detach`, `git add -A`, `git diff --cached --binary` and
 * `git worktree remove --force` in a shell script. The two alternate; medians are reported, as
 * wall-clock time and as CPU time of the child processes (steadier on a busy machine).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createProcessRunner } from '../dist/adapters/process.js';
import { createGit } from '../dist/git/index.js';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '5000' }, tasks: { type: 'string', default: '8' }, reps: { type: 'string', default: '7' } },
});
const FILES = Number(values.files);
const TASKS = Number(values.tasks);
const REPS = Number(values.reps);

const scratch = mkdtempSync(join(tmpdir(), 'odw-bench-'));
const repo = join(scratch, 'repo');
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@odw.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@odw.invalid',
};
const git = (args, cwd = repo) => execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

function makeRepo() {
  mkdirSync(repo, { recursive: true });
  git(['init', '-q', '-b', 'main']);
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, 'src', `m${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `// file ${i}\nexport const value${i} = ${i};\n`.repeat(4));
  }
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'bench fixture']);
  return git(['rev-parse', 'HEAD']);
}

// Every background job's status is checked: concurrent `git worktree add` calls can fail, and a
// repetition in which git failed did less work, so it is run again.
const BASELINE = `#!/bin/sh
repo=$1; root=$2; out=$3; base=$4; n=$5
mkdir -p "$root" "$out"
waitall() { s=0; for p in $pids; do wait $p || s=1; done; pids=; return $s; }
i=1; while [ $i -le $n ]; do git -C "$repo" worktree add --detach -q "$root/t$i" "$base" & pids="$pids $!"; i=$((i+1)); done
waitall || fail=1
i=1; while [ $i -le $n ]; do
  ( cd "$root/t$i" && echo "// change by t$i" >> src/m0/f$i.ts && git add -A && git diff --cached --binary "$base" > "$out/t$i.patch" ) &
  pids="$pids $!"; i=$((i+1))
done
waitall || fail=1
i=1; while [ $i -le $n ]; do git -C "$repo" worktree remove --force "$root/t$i" & pids="$pids $!"; i=$((i+1)); done
waitall || fail=1
[ -z "$fail" ] || { git -C "$repo" worktree prune; exit 1; }
`;

/** CPU seconds used by this process's finished children (Linux; NaN elsewhere). */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks
  } catch {
    return NaN;
  }
}

async function odwOnce(gitLayer, base, rep) {
  const run = { repo, runId: `bench-${rep}`, base, runDir: join(scratch, 'runs', `odw-${rep}`), workspace: { root: join(scratch, 'wt') } };
  const tasks = Array.from({ length: TASKS }, (_, i) => `t${i + 1}`);
  const cpu = childCpu();
  const started = performance.now();
  await gitLayer.withWorktrees(run, tasks, (wts) =>
    Promise.all(
      wts.map(async (w, i) => {
        writeFileSync(join(w.path, `src/m0/f${i + 1}.ts`), `// change by ${w.name}\n`, { flag: 'a' });
        const patch = await gitLayer.capture(run, w);
        if (patch.files.length !== 1) throw new Error(`unexpected capture: ${patch.files}`);
      }),
    ),
  );
  const result = { ms: performance.now() - started, cpu: childCpu() - cpu };
  await gitLayer.removeAll(run);
  return result;
}

let baselineFailures = 0;
function baselineOnce(script, base, rep) {
  for (let attempt = 1; ; attempt++) {
    const root = join(scratch, 'wt-sh', `${rep}-${attempt}`);
    const cpu = childCpu();
    const started = performance.now();
    const r = spawnSync('sh', [script, repo, root, join(scratch, 'runs', `sh-${rep}-${attempt}`), base, String(TASKS)], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    const result = { ms: performance.now() - started, cpu: childCpu() - cpu };
    if (r.status === 0) return result;
    baselineFailures++;
    rmSync(root, { recursive: true, force: true });
    console.log(`  (shell repetition ${rep + 1} failed and runs again: ${String(r.stderr).trim().split('\n')[0]})`);
    if (attempt >= 20) throw new Error('the baseline script keeps failing');
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const base = makeRepo();
  const script = join(scratch, 'baseline.sh');
  writeFileSync(script, BASELINE);
  const gitLayer = createGit({ process: createProcessRunner() });
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${git(['--version'])}`;
  console.log(`repository: ${FILES} files; ${TASKS} task worktrees; ${REPS} alternating repetitions after a warm-up; ${machine}`);
  await odwOnce(gitLayer, base, 'warm');
  baselineOnce(script, base, 'warm');
  const odw = [];
  const shell = [];
  const load = loadavg()[0];
  for (let rep = 0; rep < REPS; rep++) {
    if (rep % 2 === 0) {
      odw.push(await odwOnce(gitLayer, base, rep));
      shell.push(baselineOnce(script, base, rep));
    } else {
      shell.push(baselineOnce(script, base, rep));
      odw.push(await odwOnce(gitLayer, base, rep));
    }
    const [o, s] = [odw.at(-1), shell.at(-1)];
    console.log(`  rep ${rep + 1}: odw ${o.ms.toFixed(0)} ms (cpu ${o.cpu.toFixed(1)} s), shell ${s.ms.toFixed(0)} ms (cpu ${s.cpu.toFixed(1)} s)`);
  }
  const [a, b] = [median(odw.map((x) => x.ms)), median(shell.map((x) => x.ms))];
  const [ac, bc] = [median(odw.map((x) => x.cpu)), median(shell.map((x) => x.cpu))];
  console.log(
    `load average: ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end; shell repetitions run again after a git failure: ${baselineFailures}`,
  );
  console.log(`odw git layer (median):   ${a.toFixed(0)} ms wall, ${ac.toFixed(1)} s cpu`);
  console.log(`plain shell git (median): ${b.toFixed(0)} ms wall, ${bc.toFixed(1)} s cpu`);
  console.log(`ratio odw/baseline:       ${(a / b).toFixed(2)} wall, ${(ac / bc).toFixed(2)} cpu (target <= 1.30)`);
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
