#!/usr/bin/env node
// @ts-check
/**
 * Builds the routing benchmark's corpus (bench/routing/cases/*.json) from the case definitions in
 * bench/routing/cases-*.mjs. For each case, in a fresh temp directory:
 *   1. a git repository with the base files, committed;
 *   2. each task's change written on top of the base and captured as odw captures it
 *      (`git add -A` + `git diff --cached --binary`), then the tree is reset;
 *   3. all tasks' changes applied together and the case's check command ACTUALLY RUN with the real
 *      tool (node:test, tape, jest, vitest, mocha, pytest, cargo, go, tsc, eslint); its stdout,
 *      stderr, exit code and directory are recorded as they came;
 *   4. the label is verified: the check must fail and its output must contain the labelled text.
 * Nothing in the corpus is written by hand but the projects, the reviewer blockers and the labels.
 *
 *   node bench/routing/generate.mjs [--set main|holdout] [--tools DIR] [--only ID,ID] [--keep]
 *
 * --set: which corpus to build: `main` (the default; cases-*.mjs into bench/routing/cases/) or
 * `holdout` (holdout-*.mjs into bench/routing/holdout/, cases written apart from the routing rules
 * to measure them on what they were not tuned on; docs/repair.md).
 * --tools: a directory whose node_modules holds the JavaScript tools (jest, mocha, tape, vitest,
 * typescript, eslint, @eslint/js); without it they are installed from the npm registry into a temp
 * directory, never into a project. python3 with pytest, cargo and go must be on the PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jsCases } from './cases-js.mjs';
import { otherCases } from './cases-other.mjs';
import { reviewerCases } from './cases-reviewer.mjs';

/** The tool versions the corpus was made with. */
const TOOLS = ['jest@29.7.0', 'mocha@10.8.2', 'tape@5.10.2', 'vitest@4.1.12', 'typescript@5.9.3', 'eslint@9.39.5', '@eslint/js@9.39.5'];

const here = dirname(fileURLToPath(import.meta.url));

/** The corpora: where each is written and its case definitions. */
const SETS = {
  main: { dir: 'cases', cases: async () => [...jsCases(), ...otherCases(), ...reviewerCases()] },
  holdout: { dir: 'holdout', cases: async () => (await import('./holdout-cases.mjs')).holdoutCases() },
};

function sh(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

function git(cwd, ...args) {
  const r = sh('git', ['-c', 'user.name=odw', '-c', 'user.email=odw@example.com', ...args], cwd);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function writeFiles(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function installTools() {
  const dir = mkdtempSync(join(tmpdir(), 'odw-routing-tools-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"routing-tools","private":true}');
  const r = sh('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...TOOLS], dir);
  if (r.status !== 0) throw new Error(`npm install failed:\n${r.stderr}`);
  return dir;
}

/** One case: the repository, the captured diffs, the check run for real, the label verified. */
function build(c, tools, keep) {
  const dir = mkdtempSync(join(tmpdir(), 'odw-routing-'));
  try {
    git(dir, 'init', '-q', '-b', 'main');
    writeFiles(dir, c.base);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    const tasks = c.tasks.map((t) => {
      writeFiles(dir, t.change);
      git(dir, 'add', '-A');
      // as odw's capture (src/git/capture.ts): renames found, no colour, no external diff, a/ and b/
      const flags = ['--cached', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD'];
      const diff = git(dir, 'diff', '--binary', ...flags);
      const touched = git(dir, 'diff', '--name-only', ...flags)
        .split('\n')
        .filter(Boolean)
        .sort();
      git(dir, 'reset', '-q', '--hard', 'HEAD');
      git(dir, 'clean', '-qfd');
      return { id: t.id, files: t.files, prompt: t.prompt, diff, touched };
    });
    let check = null;
    if (c.check) {
      for (const t of c.tasks) writeFiles(dir, t.change);
      if (c.check.node) symlinkSync(join(tools, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const env = { CI: '1', PATH: `${join(tools, 'node_modules', '.bin')}:${process.env.PATH}`, CARGO_TARGET_DIR: join(tmpdir(), 'odw-routing-cargo') };
      const r = sh('sh', ['-c', c.check.command], dir, env);
      check = { command: c.check.command, cwd: dir, exitCode: r.status, stdout: r.stdout, stderr: r.stderr };
      const seen = `${r.stdout}\n${r.stderr}`.replaceAll(`${dir}/`, '');
      if (r.status === 0) throw new Error(`${c.id}: the check passed\n${seen}`);
      if (c.expect.text && !seen.includes(c.expect.text)) throw new Error(`${c.id}: the output lacks ${JSON.stringify(c.expect.text)}\n${seen}`);
    }
    return {
      id: c.id,
      runner: c.runner,
      covers: c.covers ?? [],
      base: c.base,
      tasks,
      check,
      reviewers: c.reviewers ?? [],
      expect: { tasks: c.expect.tasks, ...(c.expect.text ? { text: c.expect.text } : {}), judgement: !!c.expect.judgement, why: c.expect.why },
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: { set: { type: 'string', default: 'main' }, tools: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const set = SETS[values.set];
if (!set) throw new Error(`--set must be one of ${Object.keys(SETS).join(', ')}`);
const outDir = join(here, set.dir);
const all = await set.cases();
const ids = new Set(all.map((c) => c.id));
if (ids.size !== all.length) throw new Error('case ids must be unique');
const only = values.only ? new Set(values.only.split(',')) : undefined;
const tools = values.tools ?? installTools();
if (!existsSync(join(tools, 'node_modules'))) throw new Error(`${tools} has no node_modules`);
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const c of all) {
  if (only && !only.has(c.id)) continue;
  try {
    const data = build(c, tools, values.keep);
    writeFileSync(join(outDir, `${c.id}.json`), `${JSON.stringify(data, null, 1)}\n`);
    console.log(`${c.id}: ${data.check ? `exit ${data.check.exitCode}` : 'reviewers only'}`);
  } catch (e) {
    failed++;
    console.error(`FAILED ${e instanceof Error ? e.message : e}`);
  }
}
if (!values.tools) rmSync(tools, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
