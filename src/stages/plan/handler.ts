/**
 * `uses: plan` — the task list: from a tasks file, or from a planner agent asked with the request;
 * normalised and preflighted before any worktree exists. Records the run's base commit.
 */
import { parse as parseYaml } from 'yaml';
import type { WithPlan } from '../../config/pipeline.generated.js';
import { isProblem, normalizeTasks, type Normalized } from '../../tasks/normalize.js';
import { preflightTasks } from '../../tasks/preflight.js';
import { agentFailure, callAgent, isFatal } from '../../workflow/agent.js';
import { requireGit } from '../../workflow/git-run.js';
import { PLAN_SCHEMA } from '../../workflow/schemas.js';
import type { StageContext, StageHandler, StageResult } from '../types.js';
import { planDefinition } from './definition.js';
import type { PlanOutputs } from './outputs.js';

export const planHandler: StageHandler = async (ctx) => {
  const w = ctx.stage.with as WithPlan;
  const git = requireGit(ctx);
  const base = await git.head(ctx.run.repo);
  const profiles = Object.keys(ctx.plan.spec.runtimes ?? {});
  const tasksText = w.tasks ? ctx.render(w.tasks).trim() : '';
  const request = w.request ? ctx.render(w.request).trim() : '';
  let source: 'file' | 'planner';
  let normalized: Normalized;
  let summary = '';
  let risks: string[] = [];
  if (tasksText) {
    source = 'file';
    let raw: unknown;
    try {
      raw = parseYaml(tasksText);
    } catch (e) {
      return failed('invalid_tasks', `the tasks file is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
    }
    const n = normalizeTasks(raw, profiles, 'file');
    if (isProblem(n)) return failed(n.category, n.message, n.details);
    normalized = n;
    summary = `${n.tasks.length} tasks from the tasks file`;
  } else if (request) {
    source = 'planner';
    const answer = await askPlanner(ctx, w, request);
    if ('error' in answer) return answer.error;
    normalized = answer.normalized;
    summary = answer.summary;
    risks = answer.risks;
  } else {
    return failed('planning_failed', 'nothing to plan: give a request, a spec or a tasks file (e.g. --input request="…" or --input tasks=tasks.yml)');
  }
  const dirty = await git.dirtyFiles(ctx.run.repo);
  const checked = preflightTasks(normalized.tasks, {
    dirty,
    allowSharedFiles: w.allowSharedFiles,
    allowUndeclaredFiles: w.allowUndeclaredFiles,
  });
  if (!checked.ok) return failed(checked.category, checked.hint ? `${checked.message} (${checked.hint})` : checked.message, checked.details);
  const tasks = checked.tasks;
  const outputs: PlanOutputs = { base, tasks, summary, risks, source, notes: normalized.notes };
  return {
    status: 'succeeded',
    outputs,
    history: [
      {
        step: 'plan',
        tasks: tasks.map((t) => t.id),
        files: [...new Set(tasks.flatMap((t) => t.files))],
        summary,
        source,
        ...(risks.length ? { risks } : {}),
        ...(normalized.notes.length ? { notes: normalized.notes } : {}),
      },
    ],
  };
};

type PlannerAnswer = { error: StageResult } | { normalized: Normalized; summary: string; risks: string[] };

async function askPlanner(ctx: StageContext, w: WithPlan, request: string): Promise<PlannerAnswer> {
  const prompt = ctx.render(w.prompt ?? '{{request}}', { request });
  const result = await callAgent(ctx, { runtime: ctx.stage.runtime ?? planDefinition.runtime!, prompt, cwd: ctx.run.repo, schema: PLAN_SCHEMA });
  if (result.outcome !== 'ok') {
    const cause = agentFailure(result, 'the planner');
    if (isFatal(cause)) return { error: failed(cause.category, cause.message) };
    return { error: failed('planning_failed', `${cause.message} (${cause.category})`) };
  }
  const answer = result.structured as { summary?: string; tasks?: unknown; risks?: string[] };
  const n = normalizeTasks(answer?.tasks, Object.keys(ctx.plan.spec.runtimes ?? {}), 'planner');
  if (isProblem(n)) return { error: failed('planning_failed', `the planner's answer has no usable tasks: ${n.message}`) };
  if (!n.tasks.length) return { error: failed('planning_failed', 'the planner returned no tasks') };
  return { normalized: n, summary: answer.summary ?? '', risks: answer.risks ?? [] };
}

function failed(category: string, message: string, details?: unknown): StageResult {
  return {
    status: 'failed',
    error: { category, message },
    outputs: details === undefined ? {} : { details },
    history: [{ step: 'plan', ok: false, error: `${category}: ${message}`, ...(details === undefined ? {} : { details }) }],
  };
}
