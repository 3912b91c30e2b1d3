/** Text formats only the live views use. */

/**
 * Who an agent call works for, as a person names it: the task (implementers), the reviewer, or
 * else its runtime. Call ids are `<seq>-<stage>[-<task>][-<reviewer>][-r<round>]`, so a reviewer's
 * name is what is left of the id once the sequence, the stage and the round are taken off.
 */
export function agentLabel(e: { stage: string; call: string; runtime?: string; task?: string; round?: number }): string {
  if (e.task) return e.task;
  const stage = e.stage.replace(/[^A-Za-z0-9_.-]/g, '_');
  let rest = e.call.replace(/^\d+-/, '');
  rest = rest === stage ? '' : rest.startsWith(`${stage}-`) ? rest.slice(stage.length + 1) : rest;
  if (e.round) rest = rest === `r${e.round}` ? '' : rest.replace(new RegExp(`-r${e.round}$`), '');
  return rest || e.runtime || e.stage;
}
