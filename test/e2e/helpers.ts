/** Shared pieces of the end-to-end tests that drive the real codex and claude CLIs. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../src/adapters/clock.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createAgentPort } from '../../src/agents/index.js';
import type { AgentCallRecord, AgentRequest, RuntimeProfile } from '../../src/ports/agents.js';
import type { ProcessRunner } from '../../src/ports/process.js';
import { gitdir, runGit } from '../helpers/gitdir.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

/**
 * The installed CLIs: $ODW_CODEX_BIN / $ODW_CLAUDE_BIN, else the cache that
 * scripts/install-agents.sh fills (${ODW_AGENTS_CACHE:-~/.cache/odw-agents}).
 */
export function agentBin(name: 'codex' | 'claude'): string {
  const override = process.env[name === 'codex' ? 'ODW_CODEX_BIN' : 'ODW_CLAUDE_BIN'];
  const cache = process.env.ODW_AGENTS_CACHE ?? join(homedir(), '.cache', 'odw-agents');
  const bin = override || join(cache, 'node_modules', '.bin', name);
  if (!existsSync(bin)) throw new Error(`${name} is not installed at ${bin}: run \`bash scripts/install-agents.sh\` first`);
  return bin;
}

const cleanups: (() => void)[] = [];

export function cleanupAll(): void {
  for (const c of cleanups.splice(0)) c();
}

export function scratch(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A scratch folder outside the system temp directory (under ~/.cache/odw-e2e), removed with the
 * others. Where bubblewrap is installed, codex refuses to create its sandbox helper in a
 * CODEX_HOME under /tmp (every sandboxed write then fails), so codex homes live here.
 */
export function scratchOutsideTmp(prefix: string): string {
  const parent = join(homedir(), '.cache', 'odw-e2e');
  mkdirSync(parent, { recursive: true });
  const dir = realpathSync(mkdtempSync(join(parent, prefix)));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temp repository and a linked worktree of it on its own branch: where the agent works. */
export async function worktree(): Promise<{ repo: string; dir: string }> {
  const repo = await gitdir({ files: { 'README.md': '# sample\n' } });
  const dir = join(scratch('odw-e2e-wt-'), 'task');
  await runGit(['worktree', 'add', '--quiet', '-b', 'odw/task', dir], repo.dir);
  cleanups.push(() => rmSync(repo.dir, { recursive: true, force: true }));
  return { repo: repo.dir, dir };
}

/**
 * The real process runner; with ODW_RECORD_FIXTURES=1 the agent's stdout is also saved as
 * test/fixtures/agents/<name>.jsonl (the streams the parsing tests read).
 */
function runner(name: string): ProcessRunner {
  const real = createProcessRunner();
  if (!process.env.ODW_RECORD_FIXTURES) return real;
  let n = 0;
  return {
    run(spec) {
      n += 1;
      const lines: string[] = [];
      return real.run({ ...spec, onStdoutLine: (l) => (lines.push(l), spec.onStdoutLine?.(l)) }).then((r) => {
        writeFileSync(join(FIXTURES, `${name}${n > 1 ? `-${n}` : ''}.jsonl`), lines.map((l) => `${l}\n`).join(''));
        return r;
      });
    },
  };
}

export function agents(name: string) {
  return createAgentPort({ process: runner(name), clock: systemClock, env: process.env });
}

export function request(profile: RuntimeProfile, cwd: string, extra: Partial<AgentRequest> = {}): AgentRequest {
  const callDir = join(scratch('odw-e2e-call-'), 'c1');
  mkdirSync(callDir, { recursive: true });
  return {
    runtime: profile.agent,
    profile,
    prompt: 'Create hello.txt containing "hello from odw", then report.',
    cwd,
    timeoutMs: 120_000,
    signal: new AbortController().signal,
    meta: { runId: 'e2e', stage: 'impl', stageKind: 'fanout', task: 't1', attempt: 1 },
    callDir,
    ...extra,
  };
}

export function record(req: AgentRequest): AgentCallRecord {
  return JSON.parse(readFileSync(join(req.callDir, 'call.json'), 'utf8')) as AgentCallRecord;
}

/** Pids of live processes whose command line mentions `needle`. */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmd.includes(needle) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Pids of live processes whose environment holds `needle` (e.g. `HOME=<a private home>`). */
export function processesWithEnv(needle: string): number[] {
  return processesMentioning('').filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(needle);
    } catch {
      return false;
    }
  });
}

/** Pids of live processes whose working directory is `dir`. */
export function processesIn(dir: string): number[] {
  return processesMentioning('').filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === dir;
    } catch {
      return false;
    }
  });
}

export async function waitUntil(cond: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
