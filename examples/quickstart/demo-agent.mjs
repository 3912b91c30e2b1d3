#!/usr/bin/env node
// @ts-check
// A SCRIPTED DEMO AGENT for odw's command runtime — no model, no network, no API key, driven by a scenario file (ODW_SCENARIO).
// It plays the planner, the implementers and the reviewers of the parallel-review-apply pipeline
// according to ODW_STAGE_KIND, ODW_TASK_ID, ODW_ROUND and ODW_REVIEWER, and logs every call to
// ODW_SCENARIO_LOG so tests can see who was called when.
//
// Scenario: {
//   plan?: {summary, tasks: [...]} | {exit: 1, stderr: "..."} | {prose: "..."},
//   implement: { <task>: { <round>: step } },
//   review: { <reviewer>: { <round>: {decision, summary, blockers} | {prose: "..."} | {exit, stderr} } },
// }
// "*" matches any task, reviewer or round. An implement step may hold:
//   write {path: content}, delete [path]   edits in its worktree
//   writeUser {path: content}              edits in the user's repository ($ODW_USER_REPO)
//   requires [path]                        fails unless its workspace holds these files first (seedFrom)
//   ask "question"                         asks first ({"needsInput"}); works once answered
//   sleep seconds                          waits in a child `sleep` (its pid is logged) first
//   exit, stderr, message                  how it ends
// A review verdict may hold sleepOnce (seconds): the first reviewer call to reach it waits that long.
// ODW_KILL_AT (see below) kills the odw process during one call, once.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const env = process.env;
const scenario = JSON.parse(readFileSync(env.ODW_SCENARIO, 'utf8'));
const kind = env.ODW_STAGE_KIND;
const round = env.ODW_ROUND ?? '1';
const pick = (table, ...keys) => {
  for (const k of keys) if (table && table[k] !== undefined) return table[k];
  return undefined;
};
const log = (entry) => {
  if (env.ODW_SCENARIO_LOG) appendFileSync(env.ODW_SCENARIO_LOG, `${JSON.stringify(entry)}\n`);
};
log({
  kind,
  task: env.ODW_TASK_ID,
  round,
  reviewer: env.ODW_REVIEWER,
  cwd: process.cwd(),
  pid: process.pid,
  ...(env.ODW_ANSWER ? { answer: env.ODW_ANSWER } : {}),
});

// ODW_KILL_AT=<kind>:<task or reviewer or ->:<round> kills odw itself (SIGKILL) once, while this
// call is in flight, to test `odw resume`; ODW_KILL_MARKER remembers that it happened.
const here = `${kind}:${env.ODW_TASK_ID ?? env.ODW_REVIEWER ?? '-'}:${round}`;
if (env.ODW_KILL_AT === here && env.ODW_KILL_MARKER) {
  let first = true;
  try {
    writeFileSync(env.ODW_KILL_MARKER, here, { flag: 'wx' });
  } catch {
    first = false;
  }
  if (first) {
    process.kill(process.ppid, 'SIGKILL');
    process.exit(1);
  }
}

function answer(value) {
  if (env.ODW_OUTPUT_FILE) writeFileSync(env.ODW_OUTPUT_FILE, JSON.stringify(value));
  else console.log(JSON.stringify(value));
}

function fail(step) {
  if (step?.stderr) process.stderr.write(`${step.stderr}\n`);
  process.exit(step?.exit ?? 1);
}

function writeAll(root, files) {
  for (const [path, content] of Object.entries(files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function sleep(seconds) {
  const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
  log({ kind, task: env.ODW_TASK_ID, sleeping: child.pid });
  return new Promise((resolve) => child.on('exit', resolve));
}

if (kind === 'plan') {
  const plan = scenario.plan;
  if (!plan || plan.exit) fail(plan);
  if (plan.prose) console.log(plan.prose);
  else answer(plan);
} else if (kind === 'fanout' || kind === 'repair') {
  const step = pick(pick(scenario.implement, env.ODW_TASK_ID, '*'), round, '*') ?? {};
  if (step.ask && !env.ODW_ANSWER) {
    answer({ needsInput: { question: step.ask } });
    process.exit(0);
  }
  if (step.sleep) await sleep(step.sleep);
  const missing = (step.requires ?? []).filter((path) => !existsSync(join(process.cwd(), path)));
  if (missing.length) fail({ stderr: `scripted agent: the workspace lacks ${missing.join(', ')}` });
  writeAll(process.cwd(), step.write);
  if (step.writeUser) writeAll(env.ODW_USER_REPO, step.writeUser);
  for (const path of step.delete ?? []) rmSync(join(process.cwd(), path), { force: true });
  if (step.exit) fail(step);
  console.log(step.message ?? `task ${env.ODW_TASK_ID} done (round ${round}) by the scripted demo agent`);
} else if (kind === 'review') {
  const verdict = pick(pick(scenario.review, env.ODW_REVIEWER, '*'), round, '*');
  if (!verdict || verdict.exit) fail(verdict);
  // sleepOnce: the first reviewer to get here (in any run) takes that long; later ones do not.
  if (verdict.sleepOnce) {
    try {
      writeFileSync(`${env.ODW_SCENARIO}.slept`, '', { flag: 'wx' });
      await sleep(verdict.sleepOnce);
    } catch {
      // someone already slept
    }
  }
  if (verdict.prose) console.log(verdict.prose);
  else answer(verdict);
} else {
  console.error(`scripted agent: unexpected ODW_STAGE_KIND=${kind}`);
  process.exit(2);
}
