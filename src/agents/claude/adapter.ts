/**
 * Claude Code, run in the workspace with the prompt on stdin:
 *   claude -p --output-format stream-json --verbose --permission-mode <mode>
 *     [--allowedTools <a,b>] [--max-turns N] [--model m] [--effort e] [--json-schema <schema>]
 *     [-r <session_id>] [...args]
 */
import { agentBin } from '../env.js';
import { schemaInstructions } from '../questions.js';
import type { CallContext, Invocation, LaunchSpec, RuntimeAdapter } from '../types.js';
import { ClaudeEvents } from './events.js';

/**
 * read-only → dontAsk: tools that would need permission are refused (read tools still work);
 * workspace-write → acceptEdits: edits inside the workspace are allowed;
 * full-access → bypassPermissions (claude refuses it as root unless IS_SANDBOX=1).
 */
const PERMISSION_MODE: Record<string, string> = {
  'read-only': 'dontAsk',
  'workspace-write': 'acceptEdits',
  'full-access': 'bypassPermissions',
};

export function claudeAdapter(env: NodeJS.ProcessEnv): RuntimeAdapter {
  return {
    agent: 'claude',
    canResume: true,
    // result.usage covers one invocation; total_cost_usd is the session's running total.
    cumulative: { usage: false, cost: true },
    promptSuffix: (ctx) => (ctx.request.schema ? schemaInstructions(ctx.request.schema) : ''),
    launch: (ctx, inv) => claudeLaunch(ctx, inv, env),
    parser: (ctx) => new ClaudeEvents(agentBin('claude', ctx.request.profile, env), maxTurns(ctx)),
  };
}

export function claudeLaunch(ctx: CallContext, inv: Invocation, env: NodeJS.ProcessEnv): LaunchSpec {
  const { profile, schema } = ctx.request;
  const args = ['-p', '--output-format', 'stream-json', '--verbose'];
  args.push('--permission-mode', PERMISSION_MODE[profile.permission ?? 'workspace-write'] ?? 'acceptEdits');
  const tools = profile.allowedTools as string[] | undefined;
  if (tools?.length) args.push('--allowedTools', tools.join(','));
  const turns = maxTurns(ctx);
  if (turns) args.push('--max-turns', String(turns));
  if (profile.model) args.push('--model', profile.model);
  if (profile.effort) args.push('--effort', profile.effort);
  if (schema) args.push('--json-schema', JSON.stringify(withoutDialect(schema)));
  if (inv.resume) args.push('-r', inv.resume);
  args.push(...(profile.args ?? []));
  return { command: agentBin('claude', profile, env), args };
}

/**
 * Claude Code refuses a --json-schema whose `$schema` names draft 2020-12 (odw's own plan and
 * review schemas): it exits 1 with "no schema with key or ref …". odw validates the answer itself
 * under 2020-12, so claude gets the schema without that marker.
 */
function withoutDialect(schema: object): object {
  if (!('$schema' in schema)) return schema;
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function maxTurns(ctx: CallContext): number | undefined {
  const n = ctx.request.profile.maxTurns;
  return typeof n === 'number' && n > 0 ? n : undefined;
}
