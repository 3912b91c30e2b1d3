/**
 * A run's record on disk: run.json (rewritten atomically after every change), events.jsonl
 * (append-only), logs/. Every write is synchronous and complete, so a run killed at any point
 * leaves a record that `odw runs list/show` can read.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventInput, EventSink, HistoryEntry, RunError, RunEvent, RunStatus } from '../ports/events.js';
import type { Clock } from '../ports/clock.js';
import { writeJsonAtomic } from '../util/fs.js';
import { createRedactor, redactDeep, runSecrets, type Redactor, type Secret } from '../agents/redact.js';
import { redactFile } from '../agents/redact-file.js';
import { ensureOdwDir, newRunId, runDir } from './paths.js';
import { appendSummary } from './run-index.js';
import { keepCount, pruneRuns } from './retention.js';
import { scrubRunFiles } from './scrub.js';
import type { RunRecord, StageRecord } from './types.js';

export interface CreateRunOptions {
  repo: string;
  pipeline: { file: string; name: string };
  inputs: Record<string, unknown>;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Where events go besides events.jsonl (live renderers). */
  sinks?: EventSink[];
  /** The pipeline's runtime profiles: with `env`, they define the run's secrets (see src/agents/redact.ts). */
  runtimes?: Record<string, unknown>;
}

export class RunHandle implements EventSink {
  readonly record: RunRecord;
  readonly dir: string;
  /**
   * The run's secrets, built once from the environment and the pipeline's profiles. The record in
   * memory keeps raw values (stages route on them); everything written — run.json, events.jsonl,
   * the index, the live sinks, stage logs — is redacted.
   */
  readonly secrets: readonly Secret[];
  private readonly redact: Redactor;
  private lastSummary = '';

  private constructor(
    record: RunRecord,
    private readonly clock: Clock,
    private readonly sinks: EventSink[],
    opts: Pick<CreateRunOptions, 'env' | 'runtimes'>,
  ) {
    this.record = record;
    this.dir = runDir(record.repo, record.id);
    this.secrets = runSecrets(opts.env, opts.runtimes);
    this.redact = createRedactor(this.secrets);
  }

  static create(opts: CreateRunOptions): RunHandle {
    ensureOdwDir(opts.repo);
    const startedAt = opts.clock.now();
    const id = newRunId(startedAt);
    const record: RunRecord = {
      id,
      pipeline: opts.pipeline,
      repo: opts.repo,
      inputs: opts.inputs,
      status: 'running',
      pid: process.pid,
      startedAt,
      stages: {},
      history: [],
    };
    const handle = new RunHandle(record, opts.clock, opts.sinks ?? [], opts);
    mkdirSync(join(handle.dir, 'logs'), { recursive: true });
    handle.save();
    pruneRuns(opts.repo, id, keepCount(opts.env));
    handle.emit({ type: 'run_started', runId: id, pipeline: opts.pipeline.name } as EventInput);
    return handle;
  }

  /**
   * Reopen an interrupted run's record to continue it: status back to running, this process as
   * its owner. `stages` keeps what was done, so the interpreter can reuse it.
   */
  static reopen(opts: Omit<CreateRunOptions, 'pipeline' | 'inputs'> & { id: string }): RunHandle {
    const dir = runDir(opts.repo, opts.id);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
    delete record.finishedAt;
    delete record.durationMs;
    delete record.error;
    delete record.headline;
    Object.assign(record, { status: 'running', pid: process.pid });
    const handle = new RunHandle(record, opts.clock, opts.sinks ?? [], opts);
    handle.save();
    return handle;
  }

  get id(): string {
    return this.record.id;
  }

  /** Append an event to events.jsonl and pass it to the live sinks. */
  emit(input: EventInput | RunEvent): void {
    const event = this.stored({ ts: this.clock.now(), ...input } as RunEvent);
    appendFileSync(join(this.dir, 'events.jsonl'), `${JSON.stringify(event)}\n`);
    for (const sink of this.sinks) sink.emit(event);
  }

  setStage(key: string, patch: Partial<StageRecord> & { kind: string }): void {
    this.record.stages[key] = { ...this.record.stages[key], ...patch } as StageRecord;
    this.save();
    // A stage's log holds what its commands printed: redacted once the stage is over.
    const { log, status } = this.record.stages[key];
    if (log && status !== 'running') redactFile(log, this.secrets);
  }

  addHistory(entry: HistoryEntry): void {
    this.record.history.push(entry);
    this.save();
    this.emit({ type: 'history', entry });
  }

  logPath(name: string): string {
    return join(this.dir, 'logs', `${name.replace(/[^A-Za-z0-9_.@-]/g, '_')}.log`);
  }

  finish(status: Exclude<RunStatus, 'running'>, error?: RunError, headline?: string): void {
    const finishedAt = this.clock.now();
    Object.assign(this.record, {
      status,
      finishedAt,
      durationMs: finishedAt - this.record.startedAt,
      // What the run ends with is shown and printed: redacted (stages no longer route on it).
      ...(error ? { error: redactDeep(error, this.redact) } : {}),
      headline: redactDeep(headline ?? this.record.headline, this.redact),
    });
    // Patches, logs and answers hold no secret once the run is over (patches: see scrub.ts).
    scrubRunFiles(this.dir, this.secrets);
    this.save();
    this.emit({ type: 'run_finished', status, error, durationMs: this.record.durationMs! });
  }

  /** What is written of a value: a redacted copy (the value itself when the run has no secret). */
  private stored<T>(value: T): T {
    return this.secrets.length ? redactDeep(value, this.redact) : value;
  }

  private save(): void {
    const r = this.stored(this.record);
    writeJsonAtomic(join(this.dir, 'run.json'), r);
    const summary = {
      id: r.id,
      status: r.status,
      pipeline: r.pipeline.name,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      headline: r.headline,
      pid: r.pid,
    };
    // The index changes only when what `runs list` shows changes.
    const line = JSON.stringify(summary);
    if (line === this.lastSummary) return;
    this.lastSummary = line;
    appendSummary(r.repo, summary);
  }
}
