/** The pipeline's check command, run in a workspace; a failure becomes a blocker with the excerpt of its output. */
import { appendFileSync, closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '../../config/duration.js';
import { tailLines } from '../../util/tail.js';
import type { StageContext } from '../types.js';
import { parseFailures } from './failures/excerpt.js';
import type { ExcerptLimits, FailureExcerpt } from './failures/types.js';

const MAX_OUTPUT = 16 * 1024 * 1024;

export interface CheckResult {
  command: string;
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr together (kept for readers of older records; people and agents read `failures.text`). */
  tail: string;
  /** The failures the output shows, and the excerpt of it that history, reports and prompts show. */
  failures: FailureExcerpt;
  /** The stage's log file, which holds the whole output. */
  log: string;
  durationMs: number;
  /** Why it may have failed that the output does not say (a workspace without node_modules). */
  hint?: string;
}

export async function runCheck(
  ctx: StageContext,
  command: string,
  cwd: string,
  timeout?: string | number,
  limits?: Partial<ExcerptLimits>,
): Promise<CheckResult> {
  appendFileSync(ctx.logFile, `$ ${command}   (in ${cwd})\n`);
  const from = statSync(ctx.logFile).size;
  const r = await ctx.ports.process.run({
    command,
    shell: true,
    cwd,
    env: { ODW_RUN_ID: ctx.run.id, ODW_STAGE: ctx.stage.id, CI: '1' },
    signal: ctx.signal,
    reap: { cwd, record: ctx.run.dir },
    stdoutFile: ctx.logFile,
    stderrFile: ctx.logFile,
    ...(timeout !== undefined ? { timeoutMs: parseDuration(timeout) } : {}),
  });
  // Paths inside the workspace read as repository paths (src/a.js, not /tmp/…/src/a.js): for people and for repair routing.
  // The log has the whole output, stdout and stderr in the order printed; the result only their tails.
  const output = r.spawnError ?? (readFrom(ctx.logFile, from) || [r.stdout.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join('\n'));
  const tail = tailLines(output, 30).replaceAll(`${cwd}/`, '');
  const ok = r.exitCode === 0 && !r.timedOut && !r.spawnError;
  const failures = parseFailures(ok ? '' : samePrefix(output, cwd), { cwd, ...(limits ? { limits } : {}) });
  const hint = !ok && cwd !== ctx.run.repo ? missingModulesHint(output.replaceAll(`${cwd}/`, ''), cwd, ctx.run.repo) : undefined;
  return { command, ok, exitCode: r.exitCode, timedOut: r.timedOut, tail, failures, log: ctx.logFile, durationMs: r.durationMs, ...(hint ? { hint } : {}) };
}

/** Runners print the workspace's real path (file URLs, stack frames): written as `cwd`, it is stripped like it. */
function samePrefix(output: string, cwd: string): string {
  try {
    const real = realpathSync(cwd);
    return real === cwd ? output : output.replaceAll(`${real}/`, `${cwd}/`);
  } catch {
    return output;
  }
}

/** What was appended to a file since `from` (its last MAX_OUTPUT bytes), or undefined when it cannot be read. */
function readFrom(file: string, from: number): string | undefined {
  try {
    const size = statSync(file).size;
    const start = Math.max(from, size - MAX_OUTPUT);
    const buf = Buffer.alloc(size - start);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, buf.length, start);
    } finally {
      closeSync(fd);
    }
    return buf.toString('utf8').trimEnd();
  } catch {
    return undefined;
  }
}

/**
 * A task or review workspace is a checkout of the commit: it has none of the user's untracked
 * files, so no `node_modules` unless the pipeline links or installs it. When a check there fails
 * because a package or a tool from node_modules is missing, and the user's tree has one, say so.
 */
export function missingModulesHint(output: string, cwd: string, repo: string): string | undefined {
  if (existsSync(join(cwd, 'node_modules')) || !existsSync(join(repo, 'node_modules'))) return undefined;
  const packages = [...output.matchAll(/Cannot find (?:module|package) '([^']+)'/g)].map((m) => m[1]);
  // './x' or 'src/x.js' (a path in the workspace) is the code's own mistake, not a missing package
  const missingPackage = packages.some((p) => !/^[./]/.test(p) && (p.startsWith('node_modules/') || !existsSync(join(cwd, p.split('/')[0]))));
  const missingTool = /^(?:sh: \d+: |sh: |bash: )?[\w.@/-]+: (?:command )?not found$/m.test(output);
  if (!missingPackage && !missingTool) return undefined;
  return "workspaces hold only committed files, so this one has no node_modules: add `link: [node_modules]` under the pipeline's `workspace:`, or install them with `workspace.setup`";
}

export function checkBlocker(c: CheckResult): string {
  const how = c.timedOut ? 'timed out' : `exited with code ${c.exitCode}`;
  return `check \`${c.command}\` ${how}${c.hint ? ` (hint: ${c.hint})` : ''}:\n${c.failures.text}`;
}

/**
 * What a check blocker says about the cause: its output, not its first line. The command names the
 * test that shows a failure (`node test.mjs`), which is no evidence against the test's owner.
 */
export function checkEvidence(message: string): string {
  return message.replace(/^check `[^\n]*` (?:timed out|exited with code \S+)(?: \(hint: [^\n]*\))?:\n?/, '');
}
