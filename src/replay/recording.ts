/**
 * Recordings: every agent call of a run, keyed by stage, task, reviewer, round and attempt, with
 * its answer and, for calls that change files, the patch it produced. `odw run --record` writes
 * `recording.json` into the run record; `odw run --replay <run-id>` plays it back.
 */
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentCallMeta, AgentCallRecord, AgentResult } from '../ports/agents.js';
import { readJson, writeJsonAtomic } from '../util/fs.js';

export interface RecordedCall {
  key: string;
  meta: AgentCallMeta;
  result: AgentResult;
  /** The task's patch after this call (calls that run in a task worktree). */
  patch?: string;
}

export interface Recording {
  runId: string;
  calls: RecordedCall[];
}

/** What identifies a call across runs. */
export function callKey(meta: Partial<AgentCallMeta>): string {
  return [meta.stage, meta.task ?? '-', meta.reviewer ?? '-', `r${meta.round ?? 1}`, `a${meta.attempt ?? 1}`].join('/');
}

export function describeKey(meta: Partial<AgentCallMeta>): string {
  const parts = [
    `stage ${meta.stage}`,
    meta.task && `task ${meta.task}`,
    meta.reviewer && `reviewer ${meta.reviewer}`,
    `round ${meta.round ?? 1}`,
    `attempt ${meta.attempt ?? 1}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** Writes `recording.json` for a finished run from its call records and patches. */
export function writeRecording(runDir: string, runId: string): Recording {
  const callsDir = join(runDir, 'calls');
  const calls: RecordedCall[] = [];
  for (const name of existsSync(callsDir) ? readdirSync(callsDir).sort() : []) {
    const rec = readJson<AgentCallRecord>(join(callsDir, name, 'call.json'));
    if (!rec || rec.state !== 'done' || !rec.outcome) continue;
    const call: RecordedCall = {
      key: callKey(rec.meta),
      meta: rec.meta,
      result: {
        outcome: rec.outcome,
        finalMessage: rec.finalMessage ?? '',
        durationMs: rec.durationMs ?? 0,
        ...(rec.structured !== undefined ? { structured: rec.structured } : {}),
        ...(rec.usage ? { usage: rec.usage } : {}),
        ...(rec.costUsd ? { costUsd: rec.costUsd } : {}),
        ...(rec.sessionId ? { sessionId: rec.sessionId } : {}),
        ...(rec.error ? { error: rec.error } : {}),
      },
    };
    const patch = rec.meta.task ? join(runDir, 'patches', `${rec.meta.task}.r${rec.meta.round ?? 1}.patch`) : undefined;
    if (patch && existsSync(patch)) {
      copyFileSync(patch, join(callsDir, name, 'patch.diff'));
      call.patch = join('calls', name, 'patch.diff');
    }
    calls.push(call);
  }
  const recording = { runId, calls };
  writeJsonAtomic(join(runDir, 'recording.json'), recording);
  return recording;
}

export function readRecording(runDir: string): Recording | undefined {
  return readJson<Recording>(join(runDir, 'recording.json'));
}
