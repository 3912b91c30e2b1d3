/**
 * A process runner that replays agent output recorded from the real CLIs
 * (test/fixtures/agents/*.jsonl, saved by the e2e tests with ODW_RECORD_FIXTURES=1), and records
 * the commands odw asked it to run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../../src/ports/process.js';
import { FIXTURES } from './helpers.js';

export function recorded(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean);
}

export interface Replay {
  name: string;
  exitCode?: number;
  stderr?: string;
}

export function replayRunner(replays: Replay[]): ProcessRunner & { specs: ProcessSpec[] } {
  const specs: ProcessSpec[] = [];
  return {
    specs,
    async run(spec): Promise<ProcessResult> {
      const replay = replays[specs.length];
      specs.push(spec);
      if (!replay) throw new Error(`no recorded output for invocation ${specs.length}`);
      const lines = recorded(replay.name);
      for (const line of lines) spec.onStdoutLine?.(line);
      for (const line of (replay.stderr ?? '').split('\n').filter(Boolean)) spec.onStderrLine?.(line);
      return {
        exitCode: replay.exitCode ?? 0,
        signal: null,
        timedOut: false,
        cancelled: false,
        stdout: lines.join('\n'),
        stderr: replay.stderr ?? '',
        durationMs: 5,
      };
    },
  };
}

export function exited(exitCode: number, stderr = ''): ProcessResult {
  return { exitCode, signal: null, timedOut: false, cancelled: false, stdout: '', stderr, durationMs: 1 };
}
