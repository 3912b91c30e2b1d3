/**
 * What odw knows about a stage kind without loading its handler: pure data, one `definition.ts` in
 * each kind's folder, registered in src/stages/kinds.ts. Validation, the plan compiler, the
 * repository guard and the docs' tests read it; src/stages/registry.ts holds the handlers.
 */

/** The `with` key that names the stages a stage consumes. */
export type EdgeKey = 'plan' | 'seedFrom' | 'from' | 'review';

/** One data edge of a kind: which stages' outputs it reads (src/plan/edges.ts resolves them). */
export interface EdgeSpec {
  key: EdgeKey;
  /** Kinds the named stages may be. */
  kinds: readonly string[];
  /** A list is allowed. */
  many: boolean;
  /** Left out: the unique upstream stage of `kinds` (required) or nothing (optional). */
  required: boolean;
  /** What the stage does with it, for messages: `fanout "x" implements …`. */
  verb: string;
  /** The named stage lists this one under this edge (a review lists its repairs). */
  backlink?: 'repairs';
}

/** What the repository guard (docs/git.md) does after a stage of the kind. */
export type GuardAction =
  /** Agents or checks ran while odw was not looking: the user's git dir is compared and put back. */
  | 'check'
  /** The stage's own changes are the user's (a pipeline's command): the guard takes them as its new start. */
  | 'refresh'
  /** odw applied a change: the guard's warnings go into the history; the applied tree is the new start. */
  | 'applied';

/**
 * The optional ports a stage may be given (src/stages/types.ts `Ports`). Every stage gets the clock
 * and the process runner; the others only when its definition names them.
 */
export type PortName = 'agents' | 'git' | 'executor' | 'replay';

export interface StageDefinition {
  kind: string;
  /** One line: what a stage of this kind does. */
  summary: string;
  /** The runtime profile it calls when the stage names none; absent for kinds that call no agent. */
  runtime?: string;
  /**
   * The `with` list whose items are the agents it calls, each naming its own `runtime` or taking
   * the stage's (the review's `reviewers`); without it (or with the list empty) the stage calls
   * its own runtime.
   */
  agentList?: string;
  /** It calls agents (through the AgentPort). */
  agents: boolean;
  /** The optional ports its handler uses; the stage runner gives it only these. */
  ports: readonly PortName[];
  /** What it does to the user's working tree: nothing, runs a command or check there, or writes odw's change. */
  userTree: 'none' | 'runs' | 'writes';
  guard: GuardAction;
  /** The stages whose outputs it consumes. */
  edges: readonly EdgeSpec[];
  /** The `$defs` entry of schemas/pipeline.schema.json that describes its `with`. */
  settings: string;
  /**
   * The failure categories a stage of this kind can end with, each with a one-line meaning (the
   * generic ones — cancelled, template_error, stage_crashed, budget_exhausted, … — are not listed).
   * A test checks them against the category tables in docs/parallel-review-apply.md and docs/pipeline.md.
   */
  failures: Readonly<Record<string, string>>;
}

/** The kinds whose patches a review judges, a repair fixes and a later fanout starts from. */
export const PATCH_KINDS: readonly string[] = ['fanout', 'repair'];
