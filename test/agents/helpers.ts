/** Building agent requests against real fixture agents, for the src/agents tests. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../src/adapters/clock.js';
import { createProcessRunner } from '../../src/adapters/process.js';
import { createAgentPort, type AgentPortDeps } from '../../src/agents/index.js';
import type { AgentCallRecord, AgentRequest, RuntimeProfile } from '../../src/ports/agents.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURE_AGENT = fileURLToPath(new URL('../fixtures/agents/agent.mjs', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

export const REVIEW_SCHEMA = {
  type: 'object',
  required: ['decision'],
  properties: { decision: { enum: ['approve', 'reject'] }, summary: { type: 'string' } },
};

export function port(overrides: Partial<AgentPortDeps> = {}) {
  return createAgentPort({ process: createProcessRunner(), clock: systemClock, env: process.env, ...overrides });
}

/** A command profile running the fixture agent in `mode`. */
export function fixtureProfile(mode: string, extra: Partial<RuntimeProfile> = {}): RuntimeProfile {
  return { agent: 'command', command: [process.execPath, FIXTURE_AGENT], ...extra, env: { FIXTURE: mode, ...extra.env } };
}

export function request(profile: RuntimeProfile, extra: Partial<AgentRequest> = {}): AgentRequest {
  const root = tempDir('odw-agents-');
  const cwd = join(root, 'work');
  const callDir = join(root, 'calls', 'c1');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(callDir, { recursive: true });
  return {
    runtime: 'test',
    profile,
    prompt: 'Do the task.',
    cwd,
    signal: new AbortController().signal,
    meta: { runId: 'run-1', stage: 'review', stageKind: 'review', round: 1, reviewer: 'r1', attempt: 1 },
    callDir,
    ...extra,
  };
}

export function readRecord(req: AgentRequest): AgentCallRecord {
  return JSON.parse(readFileSync(join(req.callDir, 'call.json'), 'utf8')) as AgentCallRecord;
}

export interface InvocationTrace {
  n: number;
  cwd: string;
  env: Record<string, string>;
  prompt: string;
  promptFile: string;
}

/** What each fixture invocation saw (it appends a line per invocation to `.invocations`). */
export function invocations(req: AgentRequest): InvocationTrace[] {
  return readFileSync(join(req.cwd, '.invocations'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as InvocationTrace);
}
