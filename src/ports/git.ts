/**
 * The git port: everything odw does with git — task worktrees, patch capture, ownership scope,
 * the combined candidate, atomic apply and the verify guard. Implemented in src/git/ (createGit);
 * nothing else in odw runs git. See docs/git.md.
 *
 * Expected refusals (a conflict, a dirty file, an existing branch) come back as data with a
 * category and a message that says what to do. Broken environments (git missing, a failing
 * workspace setup command, a path that is not a repository) throw a GitError.
 */

/** The pipeline's `workspace:` block. */
export interface WorkspaceSettings {
  /** Folder that holds odw's worktrees. Relative paths are resolved against the repository. */
  root?: string;
  /** Paths or globs copied from the user's tree into each worktree (even untracked or ignored). */
  copy?: string[];
  /** Paths symlinked from the user's tree into each worktree. */
  link?: string[];
  /** Shell commands run, in order, in each new worktree. */
  setup?: string[];
  /** Globs (picomatch, dot: true) excluded from captured patches. */
  ignore?: string[];
}

/** What every run-scoped call needs. */
export interface GitRun {
  /** Top-level folder of the user's repository. */
  repo: string;
  runId: string;
  /** Full hash of the commit the run started from (HEAD at run start). */
  base: string;
  /** The run's record folder; patches are written to `<runDir>/patches/`. */
  runDir: string;
  workspace?: WorkspaceSettings;
  /** Aborting stops running git and setup commands; cleanup still runs. */
  signal?: AbortSignal;
}

export interface Worktree {
  /** The task id, or `.review-<stage>` (kept between rounds) or `.review-<pid>-<n>` for a review workspace. */
  name: string;
  path: string;
  /** Commit the worktree was created at (detached). */
  base: string;
  /** Paths odw copied or linked into the worktree, or that setup made; never captured. */
  placed: string[];
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type_changed';

export interface FileChange {
  path: string;
  status: ChangeStatus;
  /** The source path of a rename or copy. */
  from?: string;
}

/** One task's change against the base, as written to `<runDir>/patches/<name>.patch`. */
export interface TaskPatch {
  task: string;
  base: string;
  patchFile: string;
  /** `<runDir>/patches/<name>.files.json`: this object without the file paths. */
  filesFile: string;
  /** Every path the patch touches, sorted; a rename contributes both paths. */
  files: string[];
  changes: FileChange[];
  /** Paths the task changed that were left out (workspace.ignore globs). */
  ignored: string[];
  bytes: number;
  /** SHA-256 of the bytes this patch must have (an approved candidate combined with another): checked when it is read. */
  sha256?: string;
}

export interface CaptureOptions {
  /** File name stem under `<runDir>/patches/` (default: the worktree name), e.g. `api.r2`. */
  name?: string;
  /** Capture only what changed since this tree (from `filesTree`) instead of since the worktree's base. */
  since?: string;
  /** Paths already left out (workspace.ignore) where the change was made: a remote step's capture. */
  ignored?: string[];
}

/** A task's declared ownership and the files its patch touches. */
export interface ScopeTask {
  id: string;
  /** Owned paths: files, folders or globs (picomatch, dot: true). */
  owns: string[];
  files: string[];
}

export interface ScopeIssue {
  task: string;
  file: string;
  /** The first other task that owns `file`, if any. */
  ownedBy?: string;
}

/** The task patches combined, in task order, into one patch that applies to the base. */
export interface Candidate {
  base: string;
  patchFile: string;
  tasks: string[];
  files: string[];
  bytes: number;
  /**
   * SHA-256 (hex) of the patch file's bytes as odw wrote them: apply refuses a file that no longer
   * matches (`patch_tampered`). Absent in records of runs started before odw kept it.
   */
  sha256?: string;
}

/** What an existing change is: HEAD against a base revision (from their merge base), or the working tree against HEAD. */
export type ChangeSource = { base: string } | { worktree: true };

export type ChangeResult =
  | { ok: true; candidate: Candidate; /** HEAD's full hash. */ head: string; changes: FileChange[] }
  | { ok: false; category: 'unknown_base' | 'nothing_to_review'; message: string };

export type BlockerCategory = 'patch_conflict' | 'invalid_patch' | 'empty_candidate';

export interface PatchBlocker {
  category: BlockerCategory;
  message: string;
  /** The tasks whose patches collide (or the one whose patch is broken). */
  tasks: string[];
  files: string[];
}

export type CombineResult = { ok: true; candidate: Candidate } | { ok: false; blockers: PatchBlocker[] };

export interface CombineOptions {
  /** File name stem under `<runDir>/patches/` (default `candidate`), e.g. `candidate.r2`. */
  name?: string;
}

export interface ApplyOptions {
  /** Create this new branch at HEAD, commit the applied change on it and stay on it. */
  commit?: { branch: string; message: string };
  /**
   * The run applying. With it, apply waits for the repository's apply lock (`.odw/apply.lock`),
   * keeps it until `releaseApplyLock` (the end of the run), rolls back interrupted applies of dead
   * runs, and journals the originals to `<dir>/apply-journal/` before touching the tree.
   */
  run?: { id: string; dir: string };
  /** A resumed run: if the tree already holds the candidate, say so instead of applying again. */
  resumed?: boolean;
  /** Cancels waiting for the lock. */
  signal?: AbortSignal;
  /** Things the user should read as they happen: waiting for another run, an interrupted apply put back. */
  onNotice?: (message: string, kind: 'waiting' | 'recovered') => void;
  /**
   * Checks that need the lock: run once it is held (and interrupted applies are put back), before
   * anything else; a refusal stops the apply with nothing changed.
   */
  precheck?: () => Promise<{ category: ApplyRefusal; message: string; files: string[] } | undefined>;
}

/** An interrupted apply of a dead run, rolled back from its journal. */
export interface RecoveredApply {
  runId: string;
  files: string[];
  /** Paths that could not be put back (their originals stay in the journal). */
  failed: string[];
  message: string;
}

export type ApplyRefusal =
  | 'dirty_files'
  | 'head_moved'
  | 'patch_apply_failed'
  | 'branch_exists'
  | 'invalid_branch'
  | 'commit_failed'
  | 'git_dir_tampered'
  | 'changed_during_run'
  | 'secret_in_change'
  | 'patch_tampered';

export type ApplyResult =
  | { ok: true; files: string[]; commit?: { branch: string; sha: string }; alreadyApplied?: boolean }
  | { ok: false; category: ApplyRefusal; message: string; files: string[] };

/** The user's tree at one moment, for the verify guard. Serialisable. */
export interface TreeSnapshot {
  repo: string;
  head: string;
  /** Folder holding copies of the dirty files' bytes (removed by `discard`). */
  dir: string;
  /** Files that differed from HEAD (modified, deleted, untracked), keyed by path. */
  entries: Record<string, SnapshotEntry>;
  /** Index entries that differed from HEAD, one `git diff --cached --raw` line each. */
  staged: string[];
  /** A copy of the index file (with its timestamp), put back if the step changed the index. */
  indexCopy?: string;
}

export type SnapshotEntry =
  | { kind: 'missing' }
  | { kind: 'file'; mode: number; sha256: string; copy: string }
  | { kind: 'symlink'; target: string }
  /** A folder in place of a file (e.g. a nested repository): compared by presence only. */
  | { kind: 'other' };

export interface TreeChanges {
  changed: boolean;
  modified: string[];
  added: string[];
  removed: string[];
  /** The index (staged changes) differs from the snapshot. */
  indexChanged: boolean;
  /** Set when HEAD moved: odw restores files and the index, not HEAD. */
  headMoved?: { from: string; to: string };
}

/** Where a change to the user's git dir was found (see the repository guard in docs/git.md). */
export type GitDirArea = 'config' | 'hooks' | 'info' | 'HEAD' | 'refs' | 'alternates';

/** One change to the user's git control files or refs since the run started. */
export interface GitDirChange {
  area: GitDirArea;
  /** Relative to the git common dir (`hooks/pre-commit`, `config`), or a ref name. */
  path: string;
  change: 'added' | 'changed' | 'removed';
  /** A ref's (or HEAD's) value before and after. File contents are never carried. */
  from?: string;
  to?: string;
}

export type GitDirCheck = { ok: true } | { ok: false; changes: GitDirChange[]; message: string; /** What odw could not put back. */ unrestored: string[] };

export type ApplyGuardResult =
  | { ok: true; /** Paths outside the change that changed during the run. */ changed: string[]; warnings: string[] }
  | { ok: false; category: 'git_dir_tampered' | 'changed_during_run'; message: string; files: string[]; changes?: GitDirChange[] };

/**
 * The repository guard of one run: the user's git dir and working tree as they were at run start.
 * Its calls are serialised; every git call it makes pins core.hooksPath and core.fsmonitor.
 */
export interface RepoGuard {
  /** Compare the git dir with the snapshot and put back any change; the next check starts from the restored state. */
  checkGitDir(): Promise<GitDirCheck>;
  /** Right before apply: the git dir, then the working tree against the paths the change touches. */
  beforeApply(files: string[]): Promise<ApplyGuardResult>;
  /** The warnings of the last `beforeApply` (files outside the change that changed during the run). */
  readonly warnings: string[];
  /** Take the current state as the new starting point (after odw's own apply, or a pipeline's exec stage). */
  refresh(options?: { applied?: boolean }): Promise<void>;
}

export interface RepoGuardOptions {
  /** The run the guard belongs to: other runs' applies (.odw/runs/applied.jsonl) are taken as the starting point. */
  runId?: string;
  /** Paths (relative to the repository) left out of the working-tree fingerprint, besides `.odw`. */
  exclude?: string[];
}

export interface RemoveReport {
  removed: string[];
  /** Worktrees that could not be removed, with the reason. */
  failed: { path: string; message: string }[];
}

export interface Git {
  /** The repository's top-level folder for a path inside it. */
  repoRoot(cwd: string): Promise<string>;
  /** Full hash of HEAD. */
  head(repo: string): Promise<string>;
  /** True when `path` is a bare repository (no working tree: odw cannot run there). */
  isBare(path: string): Promise<boolean>;

  /** Paths in the user's tree that differ from HEAD (in the index or on disk) or are untracked. */
  dirtyFiles(repo: string): Promise<string[]>;

  /** Remove worktree folders of runs whose process is gone, then `git worktree prune`. */
  pruneStale(repo: string, workspace?: WorkspaceSettings): Promise<RemoveReport>;
  /** Create one detached worktree per task at `run.base`, in parallel, prepared by `run.workspace`. */
  createWorktrees(run: GitRun, tasks: string[]): Promise<Worktree[]>;
  removeWorktrees(run: GitRun, worktrees: Worktree[]): Promise<RemoveReport>;
  /** Create worktrees, run `fn`, and remove them whatever happens (success, failure, abort). */
  withWorktrees<T>(run: GitRun, tasks: string[], fn: (worktrees: Worktree[]) => Promise<T>): Promise<T>;
  /**
   * One workspace for the duration of `fn` (run it inside the task's concurrency slot, so at most
   * `concurrency` checkouts exist at once): created at `run.base` and prepared, then, whatever
   * happens, moved out of the way at once and deleted in the background, at most
   * `pendingRemovals` (default 1) deletions at a time; `removeAll` waits for them.
   */
  withWorkspace<T>(run: GitRun, task: string, fn: (worktree: Worktree) => Promise<T>, options?: { pendingRemovals?: number }): Promise<T>;
  /** Remove every worktree of a run and its folder (after the pending background deletions). */
  removeAll(run: Pick<GitRun, 'repo' | 'runId' | 'workspace'>): Promise<RemoveReport>;

  /** Apply earlier patches (e.g. a task's previous round) to a fresh worktree, in order. */
  seed(worktree: Worktree, patches: TaskPatch[]): Promise<void>;
  /** The tree of the worktree's files now (after seeding): a later capture `since` it holds only the changes made after. */
  filesTree(worktree: Worktree): Promise<string>;
  /** Write everything the worktree changed against its base to `<runDir>/patches/`. */
  capture(run: GitRun, worktree: Worktree, options?: CaptureOptions): Promise<TaskPatch>;
  /** Every patch path outside its task's ownership. Pure. */
  checkScope(tasks: ScopeTask[]): ScopeIssue[];
  /** Combine patches in order and check the result against the base (not the user's tree). */
  combine(run: GitRun, patches: TaskPatch[], options?: CombineOptions): Promise<CombineResult>;
  /**
   * An existing change as a candidate (`<runDir>/patches/<name>.patch`): HEAD against `source.base`
   * from their merge base (the candidate's base), or the working tree against HEAD. The user's
   * index, refs and objects are not written.
   */
  existingChange(run: GitRun, source: ChangeSource, name: string): Promise<ChangeResult>;
  /** Full hash of the commit a revision names in the repository, or undefined. */
  resolveCommit(repo: string, rev: string): Promise<string | undefined>;
  /**
   * A workspace at the base with the whole candidate applied, removed after `fn`. With `reuse` (the
   * review stage's id) it is kept for the next round, brought back to the base there (no leftovers
   * of this round; setup is not run again) and removed by `removeAll` at the run's end.
   */
  withReviewWorkspace<T>(run: GitRun, candidate: Candidate, fn: (workspace: Worktree) => Promise<T>, options?: { reuse?: string }): Promise<T>;

  /** True when the user's tree already holds the candidate (e.g. a resumed run applied it before it was killed). */
  isApplied(repo: string, candidate: Candidate): Promise<boolean>;
  /** Apply an approved candidate to the user's tree, all or nothing. */
  apply(repo: string, candidate: Candidate, options?: ApplyOptions): Promise<ApplyResult>;

  /**
   * Snapshot the user's git dir and working tree at run start (undefined when `repo` is not a git
   * repository with a commit).
   */
  repoGuard?(repo: string, options?: RepoGuardOptions): Promise<RepoGuard | undefined>;
  /**
   * Before a run does anything: roll back interrupted applies of dead runs (from their journals).
   * Skipped (undefined) while a live run holds the apply lock: that run, or the next apply, does it.
   */
  recoverApplies(repo: string, runId: string): Promise<RecoveredApply[] | undefined>;
  /**
   * Take the repository's apply lock for a run without applying (a resumed run whose apply was
   * done before, so that its verify runs under the lock). `onWait` is told each run it waits for.
   */
  acquireApplyLock(repo: string, runId: string, options?: { signal?: AbortSignal; onWait?: (runId: string) => void }): Promise<void>;
  /** Give up the run's apply lock (at the end of the run; also done on process exit). */
  releaseApplyLock(repo: string, runId: string): void;

  /** Record the user's tree before a read-only step. `dir` holds copies (default: a temp folder). */
  snapshot(repo: string, options?: { dir?: string }): Promise<TreeSnapshot>;
  /** What changed since the snapshot, without touching anything. */
  compare(snapshot: TreeSnapshot): Promise<TreeChanges>;
  /** Put the tree back exactly as it was at the snapshot; reports what had changed. */
  restore(snapshot: TreeSnapshot): Promise<TreeChanges>;
  /** Delete the snapshot's copies. */
  discard(snapshot: TreeSnapshot): Promise<void>;

  /**
   * A git bundle of `base` and its history written to `file` (the user's repository is not
   * touched); its size. Nothing is written when the base's files need Git LFS (`lfs: true`).
   */
  bundle?(repo: string, base: string, file: string, signal?: AbortSignal): Promise<{ bytes: number; lfs: boolean }>;
  /** A repository at `dest`, checked out at `base`, cloned from a bundle. */
  cloneBundle?(bundle: string, dest: string, base: string, signal?: AbortSignal): Promise<void>;
}

export type GitErrorCategory =
  'git_failed' | 'not_a_repository' | 'workspace_setup_failed' | 'workspace_prepare_failed' | 'review_workspace_failed' | 'git_dir_tampered' | 'cancelled';

/** A failure of the environment rather than a refusal: thrown, with a message for the user. */
export class GitError extends Error {
  constructor(
    readonly category: GitErrorCategory,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * The user's global and system git settings (and those odw's own environment passes to git) as
 * they were when the odw process started, in the order git read them: the only configuration
 * outside a repository that odw's git calls read (docs/git.md, "The configuration odw's git reads").
 */
export type GitConfigSnapshot = { ok: true; entries: GitConfigEntry[] } | { ok: false; message: string };

export interface GitConfigEntry {
  key: string;
  value: string;
  /** Where git read it: `file:<path>` (an included file names itself), `command line:`. */
  origin: string;
}
