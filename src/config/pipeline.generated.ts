/* Generated from schemas/pipeline.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * A duration: 90s, 30m, 2h, 500ms, or a bare number of seconds.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "duration".
 */
export type Duration = number | string;
/**
 * Extra arguments appended to the agent's command line.
 */
export type StringList = string[];
/**
 * argv of a command agent (agent: command).
 */
export type StringList1 = string[];
/**
 * claude: tools allowed without asking.
 */
export type StringList2 = string[];
/**
 * Paths or globs copied from the user's tree into each worktree (e.g. .env).
 */
export type StringList3 = string[];
/**
 * Paths symlinked from the user's tree into each worktree (e.g. node_modules).
 */
export type StringList4 = string[];
/**
 * Shell commands run in each new worktree.
 */
export type StringList5 = string[];
/**
 * Globs excluded from captured patches.
 */
export type StringList6 = string[];
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "stage".
 */
export type Stage = {
  /**
   * Letters, digits, _ and -, starting with a letter or _.
   */
  id: string;
  /**
   * Label shown in progress and reports.
   */
  name?: string;
  /**
   * The stage kind.
   */
  uses?: 'exec' | 'plan' | 'fanout' | 'review' | 'repair' | 'apply' | 'verify';
  /**
   * Stages that must finish before this one starts.
   */
  needs?: Identifier | Identifier[];
  /**
   * Run only when this condition is true; otherwise the stage is skipped. Without success(), failure() or always() in it, success() is implied: nothing earlier failed.
   */
  when?: string;
  /**
   * Runtime profile name used by agent stages.
   */
  runtime?: string;
  /**
   * Settings of the stage kind.
   */
  with?: {};
  loop?: Loop;
  /**
   * Stages of a loop group, repeated each round.
   *
   * @minItems 1
   */
  stages?: [Stage, ...Stage[]];
};
/**
 * Letters, digits, _ and -, starting with a letter or _.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type Identifier = string;
/**
 * A condition over inputs and earlier stage results, e.g. inputs.check != '' && stages.build.status == 'succeeded'. May be wrapped in ${{ }}.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "expression".
 */
export type Expression = string;
/**
 * One stage id, or a list of them.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "stageRefs".
 */
export type StageRefs = Identifier | [Identifier, ...Identifier[]];
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "stringList".
 */
export type StringList7 = string[];
/**
 * Prompt text (a handlebars template), or the path of a .hbs file relative to the pipeline file.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "prompt".
 */
export type Prompt = string;
/**
 * @minItems 1
 */
export type StringList8 = [string, ...string[]];

/**
 * A pipeline file for odw: inputs, agent runtimes, workspace preparation and a graph of stages.
 */
export interface OdwPipeline {
  /**
   * Optional schema reference for editors.
   */
  $schema?: string;
  /**
   * Short name shown in runs list and reports.
   */
  name?: string;
  /**
   * What the pipeline does.
   */
  description?: string;
  /**
   * Pipeline this one extends: a path relative to this file, or odw:<name> for a pipeline shipped with odw.
   */
  extends?: string;
  /**
   * Typed inputs, given on the command line as --input key=value or --input key=@path.
   */
  inputs?: {
    [k: string]: Input;
  };
  /**
   * Named agent profiles that stages refer to by name.
   */
  runtimes?: {
    [k: string]: Runtime;
  };
  workspace?: Workspace;
  budget?: Budget;
  /**
   * What odw answers when an agent asks a question instead of finishing. Default: proceed with reasonable defaults and finish the task.
   */
  answerPolicy?: string;
  /**
   * How many stages (and agent calls within a stage) may run at once. Default: 4.
   */
  concurrency?: number;
  /**
   * The stage graph. Stages run in parallel unless ordered by needs.
   *
   * @minItems 1
   */
  stages?: [Stage, ...Stage[]];
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "input".
 */
export interface Input {
  /**
   * file: a path to a file read by the pipeline.
   */
  type: 'string' | 'file' | 'number' | 'boolean';
  description?: string;
  default?: string | number | boolean;
  /**
   * Fail before running when no value and no default is given.
   */
  required?: boolean;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "runtime".
 */
export interface Runtime {
  /**
   * Which adapter runs this profile.
   */
  agent: 'codex' | 'claude' | 'command';
  model?: string;
  /**
   * Reasoning effort passed to the agent, e.g. low, medium, high.
   */
  effort?: string;
  /**
   * What the agent may do: read-only, workspace-write (edit files in its workspace) or full-access.
   */
  permission?: 'read-only' | 'workspace-write' | 'full-access';
  timeout?: Duration;
  /**
   * Path of the agent executable.
   */
  bin?: string;
  args?: StringList;
  env?: StringMap;
  /**
   * Names of variables (inherited or in env) whose values are secrets besides those whose names look like credentials (*KEY, *TOKEN*, *SECRET*, *PASSWORD* …); odw never stores them.
   */
  secrets?: string[];
  command?: StringList1;
  allowedTools?: StringList2;
  /**
   * claude: turn limit.
   */
  maxTurns?: number;
  /**
   * Attempts to get a structured answer that matches its schema. Default: 2.
   */
  schemaAttempts?: number;
  /**
   * How many questions from the agent are answered before the call fails. Default: 3.
   */
  maxQuestions?: number;
  /**
   * Run every call of this profile inside a bubblewrap (bwrap) sandbox: the task's workspace and the call's record folder writable, the rest of the file system read-only, a private /tmp, its own process namespace. true, false (default), or settings. See docs/runtimes.md.
   */
  sandbox?:
    | boolean
    | {
        /**
         * Extra paths the agent may write (e.g. ~/.npm); paths that do not exist are skipped.
         *
         * Items: An absolute path, or one under ~ (the agent's HOME).
         */
        writable?: string[];
      };
}
/**
 * Extra environment for the agent (secret values are never recorded; see secrets).
 */
export interface StringMap {
  [k: string]: string;
}
/**
 * How task worktrees are prepared.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "workspace".
 */
export interface Workspace {
  /**
   * Where task worktrees are created. Default: a folder outside the repository, under the system temp directory.
   */
  root?: string;
  copy?: StringList3;
  link?: StringList4;
  setup?: StringList5;
  ignore?: StringList6;
}
/**
 * Limits for the whole run; once one is reached no new agent call starts.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "budget".
 */
export interface Budget {
  tokens?: number;
  usd?: number;
  minutes?: number;
}
/**
 * Repeat this group's stages until a condition holds, at most max rounds.
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "loop".
 */
export interface Loop {
  /**
   * Round ceiling: a number, or an expression such as inputs.maxRounds.
   */
  max: number | Expression;
  /**
   * A condition over inputs and earlier stage results, e.g. inputs.check != '' && stages.build.status == 'succeeded'. May be wrapped in ${{ }}.
   */
  until?: string;
  /**
   * When the last round ends and until still does not hold: fail (default; the loop fails with loop_exhausted, or with the cause a stage of its last round gave, e.g. review_rounds_exhausted) or succeed (the loop ends as succeeded, with outputs.exhausted true).
   */
  onExhausted?: 'fail' | 'succeed';
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "stringMap".
 */
export interface StringMap1 {
  [k: string]: string;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-exec".
 */
export interface WithExec {
  /**
   * Shell command(s), run one after another with /bin/sh in the repository (or cwd). Handlebars templates over the run context.
   */
  run: string | StringList8;
  /**
   * Working directory, relative to the repository.
   */
  cwd?: string;
  env?: StringMap1;
  timeout?: Duration;
  /**
   * A failing command does not fail the run; the stage's status is still failed.
   */
  continueOnError?: boolean;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-plan".
 */
export interface WithPlan {
  /**
   * Planner prompt; its context has `request`.
   */
  prompt?: string;
  /**
   * Template rendering to a tasks document (YAML or JSON), e.g. {{files.tasks}}. When it is not empty, planning is skipped.
   */
  tasks?: string;
  /**
   * Template rendering to what the planner is asked, e.g. {{inputs.request}}.
   */
  request?: string;
  /**
   * Let two tasks own the same path.
   */
  allowSharedFiles?: boolean;
  /**
   * Let a task own no files: it may then change any file no other task owns.
   */
  allowUndeclaredFiles?: boolean;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-fanout".
 */
export interface WithFanout {
  /**
   * Implementer prompt; its context has `task`, `tasks`, `round`, `verify`.
   */
  prompt?: string;
  /**
   * Letters, digits, _ and -, starting with a letter or _.
   */
  plan?: string;
  /**
   * Fanout or repair stages (upstream) whose patches every workspace starts from; this stage's patches hold only its own changes. Default: none.
   */
  seedFrom?: Identifier | [Identifier, ...Identifier[]];
  /**
   * How many tasks run at once. Default: the pipeline's concurrency.
   */
  concurrency?: number;
}
/**
 * How much of a failing check's output blockers, reports and prompts show: its failure blocks, then its last lines (the whole output stays in the stage's log).
 *
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "excerpt".
 */
export interface Excerpt {
  /**
   * Most lines. Default: 80.
   */
  maxLines?: number;
  /**
   * Most characters. Default: 8000.
   */
  maxChars?: number;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-review".
 */
export interface WithReview {
  /**
   * Reviewer prompt; its context has `reviewer`, `diff`, `candidate`, `tasks`, `check`, `round`, and `change` (`source`, `base`, `from`, `head`) for a review of an existing change.
   */
  prompt?: string;
  /**
   * Shell command run in the candidate workspace, e.g. {{inputs.check}}; a failure is a blocker.
   */
  check?: string;
  excerpt?: Excerpt;
  /**
   * Reviewer agents, run in parallel, each with its own id. Left out: one, on the stage's runtime.
   */
  reviewers?: {
    id: Identifier;
    /**
     * Runtime profile. Default: the stage's runtime.
     */
    runtime?: string;
    /**
     * What this reviewer looks for.
     */
    perspective?: string;
  }[];
  /**
   * any-reject (default): one reject rejects; majority: rejects must outnumber approvals.
   */
  policy?: 'any-reject' | 'majority';
  /**
   * Fanout or repair stages (upstream) whose patches, combined in this order, make the candidate; the repairs of this review replace them in later rounds. Default: the one fanout or repair stage upstream.
   */
  from?: Identifier | [Identifier, ...Identifier[]];
  /**
   * Review an existing change instead of a fanout's: HEAD against this revision (a branch, tag or commit; a template, e.g. {{inputs.base}}), as `git diff <base>...HEAD` shows it (from their merge base).
   */
  base?: string;
  /**
   * Review an existing change instead of a fanout's: the uncommitted changes of your working tree (staged, unstaged and untracked files) against HEAD.
   */
  worktree?: boolean;
  /**
   * Longest diff put into a reviewer prompt. Default: 50000.
   */
  maxDiffChars?: number;
  /**
   * Let the candidate add symlinks whose target is absolute or outside the repository (default false: such a symlink is a symlink_outside_repo blocker).
   */
  allowOutsideSymlinks?: boolean;
  timeout?: Duration;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-repair".
 */
export interface WithRepair {
  /**
   * Repair prompt; its context has `task`, `tasks`, `feedback`, `round`, `verify`.
   */
  prompt?: string;
  /**
   * Letters, digits, _ and -, starting with a letter or _.
   */
  review?: string;
  /**
   * Longest feedback given to a repaired task. Default: 12000.
   */
  maxFeedbackChars?: number;
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-apply".
 */
export interface WithApply {
  /**
   * The review stage(s) (upstream) whose approved candidates are applied, combined into one change. Default: the one review stage upstream.
   */
  review?: Identifier | [Identifier, ...Identifier[]];
  /**
   * Commit the applied change on a new branch (odw never commits otherwise).
   */
  commit?: {
    branch: string;
    message: string;
  };
}
/**
 * This interface was referenced by `OdwPipeline`'s JSON-Schema
 * via the `definition` "with-verify".
 */
export interface WithVerify {
  /**
   * Shell command run on the applied tree, read-only, e.g. {{inputs.check}}.
   */
  check?: string;
  excerpt?: Excerpt;
  timeout?: Duration;
}
