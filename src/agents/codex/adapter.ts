/**
 * The Codex CLI:
 *   codex exec --json --skip-git-repo-check -C <cwd> -s <sandbox> [-m <model>]
 *     [-c model_reasoning_effort="<effort>"] -c approval_policy="never" [--output-schema <file>]
 *     [...args] -                       (prompt on stdin)
 * and for answers and schema retries the same options followed by `resume <thread_id> -`.
 * Sessions are kept (no --ephemeral) because resuming needs the thread on disk.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentBin } from '../env.js';
import { schemaInstructions } from '../questions.js';
import { isStrictCompatible } from '../structured.js';
import type { CallContext, Invocation, LaunchSpec, RuntimeAdapter } from '../types.js';
import { CodexEvents } from './events.js';

const SANDBOX: Record<string, string> = {
  'read-only': 'read-only',
  'workspace-write': 'workspace-write',
  'full-access': 'danger-full-access',
};

export function codexAdapter(env: NodeJS.ProcessEnv): RuntimeAdapter {
  return {
    agent: 'codex',
    canResume: true,
    // turn.completed reports the thread's running totals; codex reports no cost.
    cumulative: { usage: true, cost: false },
    promptSuffix: (ctx) => (ctx.request.schema ? schemaInstructions(ctx.request.schema) : ''),
    launch: (ctx, inv) => codexLaunch(ctx, inv, env),
    parser: (ctx) => new CodexEvents(agentBin('codex', ctx.request.profile, env)),
  };
}

export function codexLaunch(ctx: CallContext, inv: Invocation, env: NodeJS.ProcessEnv): LaunchSpec {
  const { profile, cwd } = ctx.request;
  const args = ['exec', '--json', '--skip-git-repo-check', '-C', cwd];
  args.push('-s', SANDBOX[profile.permission ?? 'workspace-write'] ?? 'workspace-write');
  if (profile.model) args.push('-m', profile.model);
  if (profile.effort) args.push('-c', `model_reasoning_effort=${JSON.stringify(profile.effort)}`);
  args.push('-c', 'approval_policy="never"');
  const schemaFile = outputSchemaFile(ctx);
  if (schemaFile) args.push('--output-schema', schemaFile);
  args.push(...(profile.args ?? []));
  if (inv.resume) args.push('resume', inv.resume);
  args.push('-');
  return { command: agentBin('codex', profile, env), args };
}

/**
 * Codex sends --output-schema to the model in strict mode, which only accepts closed objects
 * that require every property. Other schemas are left to the prompt and odw's own validation.
 */
function outputSchemaFile(ctx: CallContext): string | undefined {
  const schema = ctx.request.schema as Record<string, unknown> | undefined;
  if (!schema || !ctx.schemaFile || !isStrictCompatible(schema)) return undefined;
  if (!('$schema' in schema) && !('$id' in schema)) return ctx.schemaFile;
  const { $schema: _s, $id: _i, ...plain } = schema;
  const file = join(ctx.request.callDir, 'output-schema.json');
  writeFileSync(file, `${JSON.stringify(plain, null, 2)}\n`);
  return file;
}
