/** An AgentPort that answers every call from a recording, without starting any agent. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentCallMeta, AgentCallRecord, AgentPort, AgentRequest, AgentResult } from '../ports/agents.js';
import { writeJsonAtomic } from '../util/fs.js';
import { callKey, describeKey, type Recording } from './recording.js';

export interface ReplayPort extends AgentPort {
  /** The patch the recorded call produced, as the git layer's seed expects it. */
  patchFor(meta: Partial<AgentCallMeta>): { task: string; patchFile: string; bytes: number } | undefined;
}

export function replayAgentPort(recording: Recording, recordingDir: string): ReplayPort {
  const byKey = new Map(recording.calls.map((c) => [c.key, c]));
  return {
    async call(req: AgentRequest): Promise<AgentResult> {
      const recorded = byKey.get(callKey(req.meta));
      const result: AgentResult = recorded
        ? recorded.result
        : {
            outcome: 'failed',
            finalMessage: '',
            durationMs: 0,
            error: {
              category: 'replay_missing',
              message: `the recording of run ${recording.runId} has no agent call for ${describeKey(req.meta)}; record a run that reaches this call with --record`,
            },
          };
      const now = Date.now();
      const record: AgentCallRecord = {
        id: req.callDir.split('/').pop()!,
        runtime: req.runtime,
        agent: req.profile.agent,
        meta: req.meta,
        state: 'done',
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        outcome: result.outcome,
        finalMessage: result.finalMessage,
        ...(result.structured !== undefined ? { structured: result.structured } : {}),
        ...(result.error ? { error: result.error } : {}),
        replayedFrom: recording.runId,
      } as AgentCallRecord;
      writeJsonAtomic(join(req.callDir, 'call.json'), record);
      return result;
    },
    patchFor(meta) {
      const recorded = byKey.get(callKey(meta));
      if (!recorded?.patch || !meta.task) return undefined;
      const patchFile = join(recordingDir, recorded.patch);
      return { task: meta.task, patchFile, bytes: statSync(patchFile).size };
    },
  };
}
