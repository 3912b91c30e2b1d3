#!/usr/bin/env node
// @ts-check
// Regenerates test/fixtures/runner-output/<case>/{output.txt,expect.json}: writes each deliberately
// failing project of scripts/runner-cases.mjs into a temp folder, runs the real tool on it and keeps
// what it printed. The npm tools (tape, jest, vitest, mocha, typescript, eslint) are installed into
// the temp folder, never into odw; pytest, go and cargo come from the machine (`apt-get install -y
// python3-pytest golang-go`). A case whose tool is missing is skipped with a note.
//
//   node scripts/capture-runner-output.mjs [case…] [--tools DIR]   (DIR: reuse an earlier install)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './runner-cases.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'test/fixtures/runner-output');
const TOOLS = ['tape@5.10.2', 'jest@30.5.2', 'mocha@12.0.3', 'vitest@4.1.12', 'eslint@9.39.5', 'typescript@5.9.3'];

const args = process.argv.slice(2);
const toolsAt = args.indexOf('--tools');
const only = args.filter((a, i) => !a.startsWith('--') && (toolsAt < 0 || i !== toolsAt + 1));
const chosen = cases.filter((c) => !only.length || only.includes(c.name));
const base = toolsAt >= 0 ? args[toolsAt + 1] : mkdtempSync(join(tmpdir(), 'odw-runner-output-'));

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function installTools() {
  if (existsSync(join(base, 'node_modules/.bin/jest'))) return;
  writeFileSync(join(base, 'package.json'), '{ "name": "odw-runner-tools", "private": true }\n');
  console.log(`installing ${TOOLS.join(' ')} in ${base}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...TOOLS], { cwd: base, stdio: 'inherit' });
}

const available = { node: true, npm: true, pytest: spawnSync('python3', ['-m', 'pytest', '--version']).status === 0, go: have('go'), cargo: have('cargo') };
if (chosen.some((c) => c.needs === 'npm')) installTools();

for (const c of chosen) {
  if (!available[c.needs]) {
    console.log(`skip ${c.name}: ${c.needs} is not installed`);
    continue;
  }
  // Under the tools folder, so that `import 'tape'` finds its node_modules.
  const dir = join(base, 'cases', c.name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const cmd = c.cmd.replaceAll('$BIN/', `${join(base, 'node_modules/.bin')}/`);
  const env = { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', RUST_BACKTRACE: '1' };
  // stdout and stderr in one stream, in the order printed, as odw's check log has them.
  const r = spawnSync('sh', ['-c', `${cmd} 2>&1`], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) throw new Error(`${c.name}: \`${cmd}\` passed; the case must fail`);
  mkdirSync(join(out, c.name), { recursive: true });
  writeFileSync(join(out, c.name, 'output.txt'), r.stdout);
  const expect = { runner: c.runner, command: c.cmd, cwd: dir, exitCode: r.status, ...c.expect };
  writeFileSync(join(out, c.name, 'expect.json'), `${JSON.stringify(expect, null, 2)}\n`);
  console.log(`${c.name}: exit ${r.status}, ${r.stdout.split('\n').length} lines`);
}

// A folder given with --tools is kept for the next run; a fresh one goes.
if (toolsAt < 0) rmSync(base, { recursive: true, force: true });
