/** A unit of work owned by one agent: the files it may change and what to do. */
export interface Task {
  id: string;
  title?: string;
  /** Owned paths or globs, relative to the repository. */
  files: string[];
  prompt: string;
  /** Command that checks this task (mentioned in its prompt). */
  verify?: string;
  /** Runtime profile name; default: the stage's runtime. */
  runtime?: string;
}

/** A reviewer's or check's objection. A plain string from an agent becomes `{message}`. */
export interface Blocker {
  message: string;
  file?: string;
  symbol?: string;
  /** Where it came from: a reviewer id, `check`, or `gate`. */
  source?: string;
}

/** What a task's candidate looks like to the router: its owned paths, touched files and diff. */
export interface TaskCandidate {
  id: string;
  owned: string[];
  touched: string[];
  prompt: string;
  diff: string;
}
