/** What a pipeline may not do in remote mode (v1), refused before anything runs. */
import { findSecretVars, type SecretSource } from '../agents/redact.js';
import { UserError } from '../util/errors.js';

export function checkRemotePipeline(spec: { runtimes?: Record<string, unknown>; workspace?: { copy?: string[]; link?: string[] } }): void {
  for (const [name, profile] of Object.entries(spec.runtimes ?? {})) {
    const literal = findSecretVars({}, [profile as SecretSource]);
    if (literal.length) {
      throw new UserError(
        `runtime "${name}" sets ${literal.map((s) => s.name).join(', ')} to a literal secret value in the pipeline; with --executor, jobs carry variable names only and never secret values`,
        `remove the value from the pipeline and set ${literal[0].name} in the environment of each odw worker`,
      );
    }
  }
  const ws = spec.workspace;
  const reads = [...(ws?.copy?.length ? ['workspace.copy'] : []), ...(ws?.link?.length ? ['workspace.link'] : [])];
  if (reads.length) {
    throw new UserError(
      `${reads.join(' and ')} read files from your working tree, which workers on other machines do not have; remote mode does not ship them (yet)`,
      'commit what the workspaces need, or make it in workspace.setup, or run with --executor local',
    );
  }
}
