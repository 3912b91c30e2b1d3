#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: the scale-out path (odw worker, docs/scale-out.md) against the local one, on this machine.
 *
 *   npm run build && node bench/scale-out.mjs [--tasks 8] [--files 5000] [--reps 2]
 *
 * Needs redis-server on PATH (started here on a Unix socket) and the ioredis package.
 *   ship      a repository of --files small files, one commit: the time to bundle its base and
 *             store it in Redis (what the coordinator does once per base), and to clone it from
 *             the bundle (what each worker does once per base), with the bundle's size
 *   per task  the shipped pipeline with a tasks file of --tasks tasks and the scripted demo agent
 *             (each task writes one file), run locally and with --executor (one worker on this
 *             machine, concurrency 4 like the pipeline): the wall time of each run, the difference
 *             per task, and the ratio remote/local. Runs alternate; medians are reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createProcessRunner } from '../dist/adapters/process.js';
import { createGit } from '../dist/git/index.js';
import { shipBase } from '../dist/remote/base.js';
import { redisClient } from '../dist/remote/connect.js';
import { parseQueueUrl } from '../dist/remote/queue-url.js';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '8' }, files: { type: 'string', default: '5000' }, reps: { type: 'string', default: '2' } },
});
const TASKS = Number(values.tasks);
const FILES = Number(values.files);
const REPS = Number(values.reps);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ODW = join(ROOT, 'bin/odw.js');
const AGENT = join(ROOT, 'examples/quickstart/demo-agent.mjs');
const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'b@odw.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'b@odw.invalid',
};

const scratch = mkdtempSync(join(tmpdir(), 'odw-bench-scale-out-'));
const socket = join(scratch, 'redis.sock');
const redisServer = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', scratch], { stdio: 'ignore' });
const url = `redis+unix://${socket}`;
let worker;
try {
  const deadline = Date.now() + 10_000;
  while (spawnSync('redis-cli', ['-s', socket, 'PING'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG') {
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`machine: ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
  await ship();
  worker = spawn(process.execPath, [ODW, 'worker', '--queue', url, '--concurrency', '4', '--name', 'bench', '--work-dir', join(scratch, 'worker')], {
    env: { ...process.env, ...GIT_ENV, ODW_SCENARIO: join(scratch, 'scenario.json') },
    stdio: 'ignore',
  });
  await perTask();
} finally {
  // The worker first (it says goodbye to Redis), then Redis.
  if (worker && worker.exitCode === null) {
    const gone = once(worker, 'close');
    worker.kill('SIGTERM');
    await gone;
  }
  redisServer.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
}

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function repoWith(files) {
  const dir = mkdtempSync(join(scratch, 'repo-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

async function ship() {
  const files = {};
  for (let i = 0; i < FILES; i++) files[`src/m${i % 50}/f${i}.js`] = `export const v${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`;
  const repo = repoWith(files);
  const base = git(repo, 'rev-parse', 'HEAD');
  const g = createGit({ process: createProcessRunner() });
  const redis = redisClient(parseQueueUrl(url).connection);
  const t0 = performance.now();
  await shipBase(redis, g, repo, base, 1024 * 1024 * 1024);
  const shipped = performance.now() - t0;
  const bytes = (await redis.getBuffer(`odw:bundle:${base}`))?.length ?? 0;
  const bundle = join(scratch, 'b.bundle');
  writeFileSync(bundle, (await redis.getBuffer(`odw:bundle:${base}`)) ?? Buffer.alloc(0));
  const t1 = performance.now();
  await g.cloneBundle?.(bundle, join(scratch, 'clone'), base);
  const cloned = performance.now() - t1;
  await redis.quit();
  console.log(`ship     ${FILES} files: bundle ${(bytes / 1024).toFixed(0)} KiB, bundled and stored in ${ms(shipped)}, cloned on a worker in ${ms(cloned)}`);
}

async function perTask() {
  const ids = Array.from({ length: TASKS }, (_, i) => `t${i}`);
  const tasks = ids.map((id) => ({ id, files: [`src/${id}.js`], prompt: `write src/${id}.js` }));
  const implement = Object.fromEntries(ids.map((id) => [id, { '*': { write: { [`src/${id}.js`]: `export const ${id} = 1;\n` } } }]));
  const approve = { decision: 'approve', summary: 'ok', blockers: [] };
  writeFileSync(join(scratch, 'scenario.json'), JSON.stringify({ implement, review: { '*': { '*': approve } } }));
  writeFileSync(join(scratch, 'tasks.json'), JSON.stringify(tasks));
  const command = JSON.stringify([process.execPath, AGENT]);
  writeFileSync(
    join(scratch, 'pipeline.yml'),
    [
      'extends: odw:parallel-review-apply',
      'runtimes:',
      ...['planner', 'implementer', 'reviewer'].map((r) => `  ${r}: { agent: command, command: ${command}, timeout: 60s }`),
    ].join('\n'),
  );
  const once = (executor) => {
    const repo = repoWith({ 'package.json': '{ "type": "module" }\n', 'src/.keep': '' });
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [ODW, 'run', join(scratch, 'pipeline.yml'), '--repo', repo, '--input', `tasks=${join(scratch, 'tasks.json')}`, '--executor', executor],
      {
        cwd: repo,
        env: { ...process.env, ...GIT_ENV, CI: '1', ODW_SCENARIO: join(scratch, 'scenario.json') },
        encoding: 'utf8',
      },
    );
    const took = performance.now() - t0;
    if (r.status !== 0) throw new Error(`odw run --executor ${executor} failed:\n${r.stdout}\n${r.stderr}`);
    return took;
  };
  // one warm-up remote run: the worker's first clone of a base is measured in `ship` above
  if (!existsSync(join(scratch, 'worker'))) once(url);
  const local = [];
  const remote = [];
  for (let i = 0; i < REPS; i++) {
    local.push(once('local'));
    remote.push(once(url));
  }
  const l = median(local);
  const r = median(remote);
  console.log(`per task ${TASKS} tasks: local ${ms(l)}, remote ${ms(r)}; ${ms((r - l) / TASKS)} more per task, ratio ${(r / l).toFixed(2)}`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(x) {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;
}
