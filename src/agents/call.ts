/**
 * The call loop every runtime shares: record the call, start the agent, answer its questions by
 * continuing its session, check a structured answer and retry with the validation errors, and
 * enforce the time limit. Every outcome is returned as data.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgentOutcome, AgentRequest, AgentResult, AgentUsage, PermissionDenial } from '../ports/agents.js';
import type { Clock } from '../ports/clock.js';
import type { ProcessRunner } from '../ports/process.js';
import { parseDuration } from '../config/duration.js';
import { exitFailure, formatMs, spawnFailure } from './failure.js';
import { invoke, type Invoked } from './invoke.js';
import {
  DEFAULT_MAX_QUESTIONS,
  DEFAULT_SCHEMA_ATTEMPTS,
  looksLikeQuestion,
  promptWithAnswer,
  promptWithSchemaErrors,
  schemaRetryMessage,
} from './questions.js';
import { CallRecorder, OutputLog } from './record.js';
import { createRedactor, findSecretVars, redactDeep } from './redact.js';
import { redactFile } from './redact-file.js';
import { extractJson, headline, schemaChecker, type SchemaChecker } from './structured.js';
import type { CallContext, Invocation, RuntimeAdapter, Turn } from './types.js';
import { agentEnv } from './env.js';

/** Applies when neither the request nor the profile sets a time limit. */
const DEFAULT_TIMEOUT_MS = 60 * 60_000;

export interface CallDeps {
  process: ProcessRunner;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  answerPolicy: string;
}

type Failure = { category: string; message: string };

export async function runCall(adapter: RuntimeAdapter, request: AgentRequest, deps: CallDeps): Promise<AgentResult> {
  const { profile } = request;
  const started = deps.clock.now();
  const secrets = findSecretVars(deps.env, [profile]);
  const redact = createRedactor(secrets);
  mkdirSync(request.callDir, { recursive: true });
  const recorder = new CallRecorder(
    request.callDir,
    {
      id: basename(request.callDir),
      runtime: request.runtime,
      agent: profile.agent,
      meta: request.meta,
      state: 'starting',
      startedAt: started,
      model: profile.model,
      attempts: 0,
      questions: [],
      invocations: [],
    },
    redact,
    request.onState,
  );

  let usage: AgentUsage | undefined;
  let costUsd: number | undefined;
  let sessionId: string | undefined;
  let finalMessage = '';
  const denials: PermissionDenial[] = [];
  const questions: { question: string; answer: string }[] = [];
  let log: OutputLog | undefined;

  const finish = async (outcome: AgentOutcome, extra: { error?: Failure; structured?: unknown } = {}): Promise<AgentResult> => {
    const finishedAt = deps.clock.now();
    // The agent wrote answer.json itself: what is stored is redacted; the stage routes on the raw answer.
    if (ctx?.outputFile) redactFile(ctx.outputFile, secrets);
    const result: AgentResult = redactDeep(
      {
        outcome,
        finalMessage,
        ...(usage ? { usage } : {}),
        ...(costUsd !== undefined ? { costUsd } : {}),
        ...(sessionId ? { sessionId } : {}),
        ...(extra.error ? { error: extra.error } : {}),
        durationMs: finishedAt - started,
        ...(denials.length ? { permissionDenials: denials } : {}),
      },
      redact,
    );
    if (extra.structured !== undefined) result.structured = extra.structured;
    recorder.update({
      state: 'done',
      outcome,
      finishedAt,
      durationMs: result.durationMs,
      finalMessage: result.finalMessage,
      structured: result.structured,
      usage,
      costUsd,
      sessionId,
      error: result.error,
      questions,
      permissionDenials: denials.length ? denials : undefined,
    });
    await log?.close();
    return result;
  };

  let timeoutMs: number;
  let checker: SchemaChecker | undefined;
  let ctx: CallContext | undefined;
  try {
    timeoutMs = request.timeoutMs ?? (profile.timeout !== undefined ? parseDuration(profile.timeout) : DEFAULT_TIMEOUT_MS);
  } catch (e) {
    return finish('failed', { error: { category: 'invalid_profile', message: `runtime ${request.runtime}: timeout: ${(e as Error).message}` } });
  }
  ctx = { request, env: agentEnv(deps.env, request) };
  if (request.schema) {
    const compiled = schemaChecker(request.schema);
    if ('error' in compiled)
      return finish('failed', { error: { category: 'schema_invalid', message: `the answer schema does not compile: ${compiled.error}` } });
    checker = compiled;
    ctx.schemaFile = recorder.writeSchema(request.schema);
    ctx.outputFile = join(request.callDir, 'answer.json');
    ctx.env = { ...ctx.env, ODW_SCHEMA_FILE: ctx.schemaFile, ODW_OUTPUT_FILE: ctx.outputFile };
  }
  recorder.update({});
  if (request.signal.aborted) return finish('cancelled', { error: cancelledError() });

  log = new OutputLog(join(request.callDir, 'output.log'), redact);
  const deadline = started + timeoutMs;
  const maxAttempts = checker ? ((profile.schemaAttempts as number | undefined) ?? DEFAULT_SCHEMA_ATTEMPTS) : 1;
  const maxQuestions = (profile.maxQuestions as number | undefined) ?? DEFAULT_MAX_QUESTIONS;
  const firstPrompt = request.prompt + (adapter.promptSuffix?.(ctx) ?? '');
  /** The last full prompt (with the answers so far): what a fresh invocation starts from. */
  let basePrompt = firstPrompt;
  let attempt = 1;
  let n = 0;
  let step: Omit<Invocation, 'promptFile' | 'n'> = { kind: 'start', prompt: firstPrompt };
  let lastRaw: { usage?: AgentUsage; cost?: number } = {};

  for (;;) {
    const remaining = deadline - deps.clock.now();
    if (remaining <= 0) return finish('timed_out', { error: timedOutError(timeoutMs) });
    if (request.signal.aborted) return finish('cancelled', { error: cancelledError() });
    n += 1;
    recorder.update({ attempts: attempt });
    ctx.env.ODW_ATTEMPT = String(attempt); // 1, then 2 on the first schema retry; an answered question keeps it
    const ran: Invoked = await invoke(adapter, ctx, { ...step, n }, remaining, { process: deps.process, recorder, log, redact });
    const { turn, proc, launch } = ran;
    account(turn, step.resume);
    if (turn.finalMessage) finalMessage = turn.finalMessage;
    if (turn.sessionId) sessionId = turn.sessionId;
    denials.push(...(turn.permissionDenials ?? []));
    recorder.update({ usage, costUsd, finalMessage, permissionDenials: denials.length ? denials : undefined });

    if (proc.spawnError) return finish('failed', { error: spawnFailure(adapter.agent, launch.command, proc.spawnError) });
    if (proc.cancelled) return finish('cancelled', { error: cancelledError() });
    if (proc.timedOut) return finish('timed_out', { error: timedOutError(timeoutMs) });
    if (!turn.ok) return finish('failed', { error: turn.error ?? exitFailure(launch.command, proc) });

    const answer = checker ? structuredAnswer(turn, checker) : undefined;
    const answered = answer !== undefined && answer.errors.length === 0;
    const question = answered ? undefined : (turn.question ?? implicitQuestion(adapter, turn));
    if (question !== undefined) {
      if (questions.length >= maxQuestions) {
        const after = maxQuestions ? ` after ${maxQuestions} answer${maxQuestions === 1 ? '' : 's'}` : '';
        return finish('needs_input', { error: { category: 'needs_input', message: `the agent still asks${after}: ${question}` } });
      }
      questions.push({ question, answer: deps.answerPolicy });
      recorder.update({ state: 'asking', questions });
      if (adapter.canResume && sessionId) {
        step = { kind: 'answer', prompt: deps.answerPolicy, answer: deps.answerPolicy, resume: sessionId };
      } else {
        basePrompt = promptWithAnswer(basePrompt, question, deps.answerPolicy);
        step = { kind: 'answer', prompt: basePrompt, answer: deps.answerPolicy };
      }
      continue;
    }
    if (!answer) return finish('ok');
    if (answered) return finish('ok', { structured: answer.value });
    if (attempt >= maxAttempts) {
      const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
      return finish('failed', {
        error: { category: 'schema_mismatch', message: `the answer does not match the schema after ${tries}: ${headline(answer.errors[0])}` },
      });
    }
    attempt += 1;
    step =
      adapter.canResume && sessionId
        ? { kind: 'retry', prompt: schemaRetryMessage(answer.errors, request.schema!), resume: sessionId }
        : { kind: 'retry', prompt: promptWithSchemaErrors(basePrompt, answer.errors, request.schema!) };
  }

  /** Add a turn's usage; agents that report session totals on resume are counted by difference. */
  function account(turn: Turn, resumed: string | undefined): void {
    const continuing = resumed !== undefined && resumed === turn.sessionId;
    if (!continuing) lastRaw = {};
    if (turn.usage) {
      const u = adapter.cumulative.usage && lastRaw.usage ? minus(turn.usage, lastRaw.usage) : turn.usage;
      lastRaw.usage = turn.usage;
      usage = usage ? plus(usage, u) : u;
    }
    if (turn.costUsd !== undefined) {
      const c = adapter.cumulative.cost && lastRaw.cost !== undefined ? Math.max(0, turn.costUsd - lastRaw.cost) : turn.costUsd;
      lastRaw.cost = turn.costUsd;
      costUsd = (costUsd ?? 0) + c;
    }
  }
}

function structuredAnswer(turn: Turn, checker: SchemaChecker): { value?: unknown; errors: string[] } {
  if (turn.structured && 'invalid' in turn.structured) return { errors: [`(root) ${turn.structured.invalid}`] };
  const found = turn.structured ?? extractJson(turn.finalMessage);
  if (!found) return { errors: ['(root) no JSON object found in the answer'] };
  return { value: found.value, errors: checker.check(found.value) };
}

function implicitQuestion(adapter: RuntimeAdapter, turn: Turn): string | undefined {
  if (adapter.agent === 'command') return undefined;
  return looksLikeQuestion(turn.finalMessage, turn.fileChanges) ? turn.finalMessage.trim() : undefined;
}

function timedOutError(ms: number): Failure {
  return { category: 'timed_out', message: `the agent did not finish within ${formatMs(ms)}; its processes were stopped` };
}

function cancelledError(): Failure {
  return { category: 'cancelled', message: 'the call was cancelled; its processes were stopped' };
}

function plus(a: AgentUsage, b: AgentUsage): AgentUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
}

function minus(a: AgentUsage, b: AgentUsage): AgentUsage {
  const d = (x: number, y: number) => Math.max(0, x - y);
  return { inputTokens: d(a.inputTokens, b.inputTokens), outputTokens: d(a.outputTokens, b.outputTokens), totalTokens: d(a.totalTokens, b.totalTokens) };
}
