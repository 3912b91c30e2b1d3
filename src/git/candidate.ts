/**
 * The combined candidate: task patches concatenated in task order (never trimmed; a missing final
 * newline is added between patches) and checked against the base in a scratch index of odw's own
 * git dir, so the user's tree, index and repository settings are never involved.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, type Candidate, type CombineOptions, type CombineResult, type GitRun, type PatchBlocker, type TaskPatch } from '../ports/git.js';
import { type RunGit } from './exec.js';
import { ensureOdwGit } from './private.js';
import { restoreSettings } from './pinned.js';
import { sha256 } from './patch-digest.js';
import { tailLines } from '../util/tail.js';

export async function combine(git: RunGit, run: GitRun, patches: TaskPatch[], options: CombineOptions = {}): Promise<CombineResult> {
  const parts = patches.filter((p) => p.bytes > 0);
  if (!parts.length) {
    const message = 'no task changed any file: there is nothing to review or apply';
    return { ok: false, blockers: [{ category: 'empty_candidate', message, tasks: patches.map((p) => p.task), files: [] }] };
  }
  const dir = join(run.runDir, 'patches');
  await mkdir(dir, { recursive: true });
  const patchFile = join(dir, `${options.name ?? 'candidate'}.patch`);
  const { bytes, digest } = await concatenate(parts, patchFile);
  const odwGit = await ensureOdwGit(git, run);
  const scratch = await mkdtemp(join(tmpdir(), 'odw-index-'));
  try {
    const index = new ScratchIndex(git, run, odwGit, join(scratch, 'index'));
    await index.reset();
    const whole = await index.apply(patchFile, true);
    if (whole.ok) {
      const files = [...new Set(parts.flatMap((p) => p.files))].sort();
      const candidate: Candidate = { base: run.base, patchFile, tasks: parts.map((p) => p.task), files, bytes, sha256: digest };
      return { ok: true, candidate };
    }
    return { ok: false, blockers: await diagnose(index, new ScratchIndex(git, run, odwGit, join(scratch, 'alone')), parts, whole.error) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Concatenates files byte for byte, adding "\n" only where a part does not end with one; returns the size and SHA-256. */
async function concatenate(parts: TaskPatch[], to: string): Promise<{ bytes: number; digest: string }> {
  const out = await open(to, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for (const part of parts) {
      const data = await readFile(part.patchFile);
      if (part.sha256 && sha256(data) !== part.sha256) {
        throw new GitError(
          'git_failed',
          `the patch file of ${part.task} (${part.patchFile}) changed after odw wrote it, so it is not the change the review approved; nothing was combined or applied. An agent without the sandbox, or another program, wrote under .odw during the run. Run the pipeline again.`,
        );
      }
      await out.write(data);
      hash.update(data);
      bytes += data.length;
      if (data.length && data[data.length - 1] !== 0x0a) {
        await out.write(Buffer.from('\n'));
        hash.update('\n');
        bytes += 1;
      }
    }
  } finally {
    await out.close();
  }
  return { bytes, digest: hash.digest('hex') };
}

/** An index file at the base, outside the user's repository state. */
class ScratchIndex {
  constructor(
    private git: RunGit,
    private run: GitRun,
    private gitDir: string,
    private file: string,
  ) {}

  async reset(): Promise<void> {
    await this.call(['read-tree', this.run.base]);
  }

  /** `git apply --cached` (or `--check`) of one patch file against this index. */
  async apply(patch: string, checkOnly: boolean): Promise<{ ok: boolean; error: string }> {
    const r = await this.call(['apply', '--cached', ...(checkOnly ? ['--check'] : []), patch], true);
    return { ok: r.exitCode === 0, error: tailLines(r.stderr, 6) };
  }

  private async call(args: string[], allowFail = false) {
    await restoreSettings(this.gitDir);
    return this.git(args, { cwd: this.gitDir, env: { GIT_DIR: this.gitDir, GIT_INDEX_FILE: this.file }, signal: this.run.signal, allowFail });
  }
}

/**
 * Finds who collides: patches are applied one by one; a patch that fails there but applies to the
 * base alone collides with the earlier patches touching the same files; one that does not apply
 * even alone is invalid.
 */
async function diagnose(index: ScratchIndex, alone: ScratchIndex, parts: TaskPatch[], wholeError: string): Promise<PatchBlocker[]> {
  await index.reset();
  const applied: TaskPatch[] = [];
  const blockers: PatchBlocker[] = [];
  for (const part of parts) {
    const r = await index.apply(part.patchFile, false);
    if (r.ok) {
      applied.push(part);
      continue;
    }
    await alone.reset();
    const solo = await alone.apply(part.patchFile, true);
    if (!solo.ok) {
      blockers.push({
        category: 'invalid_patch',
        tasks: [part.task],
        files: part.files,
        message: `the patch of task ${part.task} does not apply to the base commit ${part.base.slice(0, 12)}: ${oneLine(solo.error)}. Run the task again.`,
      });
      continue;
    }
    const overlapping = applied.filter((a) => a.files.some((f) => part.files.includes(f)));
    const others = overlapping.length ? overlapping : applied;
    const files = [...new Set(others.flatMap((o) => o.files.filter((f) => part.files.includes(f))))].sort();
    const tasks = [...others.map((o) => o.task), part.task];
    blockers.push({
      category: 'patch_conflict',
      tasks,
      files,
      message:
        `the patches of tasks ${listing(tasks)} do not combine` +
        (files.length ? ` (both change ${listing(files)})` : '') +
        `: ${oneLine(r.error)}. Repair one task on top of the other's change, or give each file a single owner.`,
    });
  }
  if (!blockers.length) {
    const tasks = parts.map((p) => p.task);
    blockers.push({
      category: 'invalid_patch',
      tasks,
      files: [...new Set(parts.flatMap((p) => p.files))].sort(),
      message: `each task's patch applies but the combined patch does not: ${oneLine(wholeError)}`,
    });
  }
  return blockers;
}

function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function oneLine(text: string): string {
  return text.split('\n').filter(Boolean).slice(0, 3).join('; ') || 'git apply failed';
}
