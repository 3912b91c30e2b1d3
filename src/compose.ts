/** The composition root: the one place where real adapters are wired into ports. */
import { createProcessRunner } from './adapters/process.js';
import { systemClock } from './adapters/clock.js';
import { createAgentPort, type BudgetLimits } from './agents/index.js';
import { createGit, takeGitConfig } from './git/index.js';
import type { GitConfigSnapshot } from './ports/git.js';
import type { ReplayPort } from './replay/port.js';
import type { Ports } from './stages/types.js';
import { localExecutor } from './workflow/local-step.js';
import { createRemoteExecutor } from './remote/executor.js';
import { parseQueueUrl } from './remote/queue-url.js';

export interface PortOptions {
  env: NodeJS.ProcessEnv;
  /** The pipeline's `budget:` block. */
  budget?: BudgetLimits;
  /** The pipeline's `answerPolicy`: how odw answers an agent's question. */
  answerPolicy?: string;
  /** Answer every agent call from this recording instead of running agents. */
  replay?: ReplayPort;
  /** Where task steps run: `local` (default) or a queue address (docs/scale-out.md). */
  executor?: string;
  /** The git settings odw's git calls read (gitConfigAtStart), taken once per odw process. */
  gitConfig: GitConfigSnapshot;
}

/**
 * The user's global and system git settings, read now (evaluated in `repo`, so `includeIf` holds
 * for it): call once per odw process, before any agent runs, and give the result to every
 * session of the process (`odw run --watch` reruns included). docs/git.md says why.
 */
export function gitConfigAtStart(repo: string): Promise<GitConfigSnapshot> {
  return takeGitConfig(createProcessRunner(), repo);
}

export function createPorts(opts: PortOptions): Ports {
  const process = createProcessRunner();
  return {
    process,
    clock: systemClock,
    git: createGit({ process, config: opts.gitConfig }),
    executor: opts.executor && opts.executor !== 'local' ? createRemoteExecutor(parseQueueUrl(opts.executor, opts.env), opts.env) : localExecutor,
    agents: opts.replay ?? createAgentPort({ process, clock: systemClock, env: opts.env, budget: opts.budget, answerPolicy: opts.answerPolicy }),
    ...(opts.replay ? { replay: opts.replay } : {}),
  };
}
