/**
 * `odw doctor`: are the agent CLIs installed, which versions, do their credentials appear to be
 * present (variable names only, never values), can `bwrap` sandbox agents here, and what to do
 * about anything missing.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { ProcessRunner } from '../ports/process.js';
import { agentBin, BIN_OVERRIDE } from './env.js';
import { PROBE_ARGS } from './sandbox.js';

export type CheckStatus = 'ok' | 'missing' | 'broken' | 'no-credentials';

export interface Check {
  name: string;
  status: CheckStatus;
  /** What odw would run (the configured name or path). */
  bin: string;
  /** Where it was found. */
  path?: string;
  version?: string;
  /** Where credentials were found: variable names or files. */
  credentials?: string[];
  /** Other facts worth knowing (variable names only). */
  notes: string[];
  /** What to do, when something is missing. */
  fix?: string;
  /** Needed only by some pipelines (the sandbox): not counted in the report's `ok`. */
  optional?: boolean;
}

export interface DoctorReport {
  checks: Check[];
  /** Every check that is not optional is ok. */
  ok: boolean;
}

export interface DoctorDeps {
  process: ProcessRunner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether odw runs as root (claude refuses bypassPermissions then). */
  isRoot?: boolean;
}

interface AgentSpec {
  name: 'codex' | 'claude';
  pkg: string;
  variables: string[];
  files(env: NodeJS.ProcessEnv): string[];
  login: string;
}

const AGENTS: AgentSpec[] = [
  {
    name: 'codex',
    pkg: '@openai/codex',
    variables: ['OPENAI_API_KEY', 'CODEX_API_KEY'],
    files: (env) => [join(codexHome(env), 'auth.json')],
    login: 'set OPENAI_API_KEY (or CODEX_API_KEY), or run `codex login`',
  },
  {
    name: 'claude',
    pkg: '@anthropic-ai/claude-code',
    variables: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN'],
    files: (env) => [join(env.CLAUDE_CONFIG_DIR || join(home(env), '.claude'), '.credentials.json')],
    login: 'set ANTHROPIC_API_KEY, or run `claude` once to log in (or `claude setup-token` for CLAUDE_CODE_OAUTH_TOKEN)',
  },
];

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks = await Promise.all([...AGENTS.map((a) => checkAgent(a, deps)), checkTool('git', deps), checkNode(), checkSandbox(deps)]);
  return { checks, ok: checks.every((c) => c.status === 'ok' || c.optional) };
}

async function checkAgent(spec: AgentSpec, deps: DoctorDeps): Promise<Check> {
  const { env } = deps;
  const bin = agentBin(spec.name, undefined, env);
  const check: Check = { name: spec.name, status: 'ok', bin, notes: [] };
  if (env[BIN_OVERRIDE[spec.name]]) check.notes.push(`${BIN_OVERRIDE[spec.name]} set`);
  const credentials = [...spec.variables.filter((v) => env[v]), ...spec.files(env).filter((f) => existsSync(f))];
  check.credentials = credentials;
  if (spec.name === 'codex') {
    if (env.CODEX_HOME && !existsSync(env.CODEX_HOME)) check.notes.push('CODEX_HOME does not exist (codex will refuse to start)');
    if (existsSync(join(codexHome(env), 'config.toml'))) check.notes.push(`config: ${join(codexHome(env), 'config.toml')}`);
  } else {
    if (env.ANTHROPIC_BASE_URL) check.notes.push('ANTHROPIC_BASE_URL set');
    if (deps.isRoot && env.IS_SANDBOX !== '1') check.notes.push('running as root: permission full-access needs IS_SANDBOX=1');
  }
  const path = findExecutable(bin, env, deps.cwd);
  if (!path) {
    check.status = 'missing';
    check.fix = `install it with \`npm install -g ${spec.pkg}\`, or point ${BIN_OVERRIDE[spec.name]} (or a profile's bin) at it`;
    return check;
  }
  check.path = path;
  const version = await versionOf(path, deps);
  if ('error' in version) {
    check.status = 'broken';
    check.fix = `\`${path} --version\` failed: ${version.error}`;
    return check;
  }
  check.version = version.text;
  if (credentials.length === 0) {
    check.status = 'no-credentials';
    check.fix = `${spec.login}; or give the profile env for another server (see docs/runtimes.md)`;
  }
  return check;
}

async function checkTool(name: string, deps: DoctorDeps): Promise<Check> {
  const path = findExecutable(name, deps.env, deps.cwd);
  if (!path) return { name, status: 'missing', bin: name, notes: [], fix: `install ${name}; odw needs it for worktrees and patches` };
  const version = await versionOf(path, deps);
  if ('error' in version) return { name, status: 'broken', bin: name, path, notes: [], fix: `\`${name} --version\` failed: ${version.error}` };
  return { name, status: 'ok', bin: name, path, version: version.text.replace(/^git version /, ''), notes: [] };
}

/** `sandbox: true` profiles need bwrap, and bwrap needs to create namespaces here: run it once. */
async function checkSandbox(deps: DoctorDeps): Promise<Check> {
  const check: Check = { name: 'sandbox', status: 'ok', bin: 'bwrap', notes: [], optional: true };
  const off = 'needed only by runtimes with `sandbox` on';
  const path = findExecutable('bwrap', deps.env, deps.cwd);
  if (!path) return { ...check, status: 'missing', fix: `install bubblewrap (Debian/Ubuntu: \`apt-get install bubblewrap\`); ${off}` };
  check.path = path;
  const version = await versionOf(path, deps);
  if ('text' in version) check.version = version.text;
  const probe = await deps.process.run({ command: path, args: PROBE_ARGS, cwd: '/', timeoutMs: 20_000, tailChars: 4096 });
  if (probe.exitCode === 0) {
    check.notes.push('probe: ok (bwrap --ro-bind / / --unshare-pid … true)');
    return check;
  }
  const why = probe.spawnError ?? (probe.timedOut ? 'timed out' : probe.stderr.trim().split('\n').pop() || `exit ${probe.exitCode}`);
  check.notes.push(`probe: failed (${why})`);
  return {
    ...check,
    status: 'broken',
    fix: `bwrap cannot create a sandbox here: allow unprivileged user namespaces (e.g. \`sysctl kernel.unprivileged_userns_clone=1\`); ${off}`,
  };
}

function checkNode(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  const check: Check = { name: 'node', status: 'ok', bin: 'node', path: process.execPath, version: process.version, notes: [] };
  if (major < 20) Object.assign(check, { status: 'broken', fix: 'odw needs Node 20 or newer' });
  return check;
}

async function versionOf(path: string, deps: DoctorDeps): Promise<{ text: string } | { error: string }> {
  const r = await deps.process.run({ command: path, args: ['--version'], cwd: deps.cwd, timeoutMs: 20_000, tailChars: 4096 });
  const first = r.stdout.trim().split('\n')[0]?.trim() ?? '';
  if (r.spawnError) return { error: r.spawnError };
  if (r.timedOut) return { error: 'timed out' };
  if (r.exitCode !== 0 || !first) return { error: `exit ${r.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').pop()}` : ''}` };
  return { text: first };
}

/** The executable a name resolves to: a path as given, else the first match on PATH. */
export function findExecutable(bin: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const candidates = bin.includes('/')
    ? [isAbsolute(bin) ? bin : resolve(cwd, bin)]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, bin));
  return candidates.find((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

function codexHome(env: NodeJS.ProcessEnv): string {
  return env.CODEX_HOME || join(home(env), '.codex');
}

/** One line per check, no JSON: `codex   ok  codex-cli 0.171.0  /usr/bin/codex  credentials: OPENAI_API_KEY`. */
export function formatDoctor(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  const statusWidth = Math.max(...report.checks.map((c) => c.status.length));
  const lines = report.checks.map((c) => {
    const parts = [c.name.padEnd(width), c.status.padEnd(statusWidth)];
    if (c.version) parts.push(c.version);
    if (c.path) parts.push(c.path);
    if (c.credentials?.length) parts.push(`credentials: ${c.credentials.join(', ')}`);
    if (c.notes.length) parts.push(c.notes.join('; '));
    if (c.fix) parts.push(`→ ${c.fix}`);
    return parts.join('  ').trimEnd();
  });
  return `${lines.join('\n')}\n`;
}
