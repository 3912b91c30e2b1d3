/** A flagship run of one task in a shared repository: it writes one file, every reviewer approves. */
import { startFlagship, type StartedRun } from '../helpers/flagship.js';
import type { GitDir } from '../helpers/gitdir.js';
import { always, approve, demoFiles } from '../flagship/scenarios.js';

export interface OneTask {
  /** The review and verify check (`--input check=…`). */
  check: string;
  /** What the task writes to its file (default `// <id>\n`). */
  content?: string;
  /** YAML appended to the pipeline, e.g. an apply.commit. */
  extra?: string;
}

export function startOneTask(repo: GitDir, id: string, file: string, opts: OneTask): Promise<StartedRun> {
  return startFlagship({
    files: demoFiles,
    repo,
    tasks: [{ id, files: [file], prompt: `Change ${file}.` }],
    scenario: { implement: { [id]: { '*': { write: { [file]: opts.content ?? `// ${id}\n` } } } }, review: always(approve) },
    inputs: { check: opts.check },
    ...(opts.extra ? { extra: opts.extra } : {}),
  });
}
