/**
 * The base revisions of reviews of an existing change (`with.base`), checked before a run starts:
 * a base that names no commit is a usage error (exit 2) that names the input it came from, not a
 * failure after the check and the reviewers were set up. A base that reads stage outputs is only
 * known when its stage runs (then it is the stage's `unknown_base`).
 */
import { scanTemplate } from '../config/template-scan.js';
import type { PlanNode } from '../plan/types.js';
import type { Git } from '../ports/git.js';
import { UserError } from '../util/errors.js';
import type { ResolvedInputs } from './inputs.js';
import { renderTemplate } from './template.js';

export async function checkReviewBases(nodes: PlanNode[], inputs: ResolvedInputs, git: Git | undefined, repo: string): Promise<void> {
  if (!git) return;
  for (const node of nodes) {
    if (node.type === 'loop') {
      await checkReviewBases(node.children, inputs, git, repo);
      continue;
    }
    const base = node.kind === 'review' ? node.with.base : undefined;
    if (typeof base !== 'string') continue;
    const scan = scanTemplate(base);
    if (scan.syntax || scan.refs.some((r) => r.root !== 'inputs')) continue;
    const input = scan.refs[0]?.name;
    const from = input ? ` (from --input ${input})` : '';
    const rev = renderTemplate(base, { inputs: inputs.values, files: inputs.files }).trim();
    const hint = input
      ? `pass a branch, tag or commit of this repository, e.g. --input ${input}=main (a remote branch: git fetch first, then --input ${input}=origin/main)`
      : `set with.base of stage "${node.id}" to a branch, tag or commit of this repository`;
    if (!rev) throw new UserError(`review stage "${node.id}": its base revision${from} is empty; nothing was run`, hint);
    if (!(await git.resolveCommit(repo, rev)))
      throw new UserError(`review stage "${node.id}": the base "${rev}"${from} names no commit in ${repo}; nothing was run`, hint);
  }
}
