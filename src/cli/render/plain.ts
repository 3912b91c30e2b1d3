/** One line per event, for logs, CI and pipes (and terminals until the live view lands). */
import type { EventSink, RunEvent } from '../../ports/events.js';
import type { CliIO } from '../io.js';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m}m${Math.round((ms % 60_000) / 1000)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}

const at = (round?: number) => (round ? ` (round ${round})` : '');

export function plainRenderer(io: CliIO): EventSink {
  return {
    emit(e: RunEvent) {
      switch (e.type) {
        case 'run_started':
          return io.out(`odw: run ${e.runId} of ${e.pipeline}`);
        case 'stage_started':
          return io.out(`▶ ${e.stage}${at(e.round)}`);
        case 'stage_finished': {
          const mark = e.status === 'succeeded' ? '✓' : e.status === 'cancelled' ? '■' : '✗';
          io.out(`${mark} ${e.stage}${at(e.round)} ${e.status} in ${formatDuration(e.durationMs)}`);
          if (e.error) io.out(indent(e.error.message));
          return;
        }
        case 'stage_skipped':
          return io.out(`- ${e.stage}${at(e.round)} skipped (${e.reason})`);
        case 'loop_round':
          return io.out(`↻ ${e.loop}: round ${e.round} of at most ${e.max}`);
        case 'loop_finished':
          return io.out(`↻ ${e.loop}: ${e.rounds} round${e.rounds === 1 ? '' : 's'}${e.reason === 'max' ? ' (ceiling reached)' : ''}`);
        case 'agent_started':
          return io.out(`  · ${e.stage}${e.task ? ` ${e.task}` : ''}: ${e.runtime} started`);
        case 'agent_finished':
          return io.out(`  · ${e.stage} ${e.call}: ${e.outcome} in ${formatDuration(e.durationMs)}${e.tokens ? `, ${e.tokens} tokens` : ''}`);
        default:
          return;
      }
    },
  };
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

export function jsonRenderer(io: CliIO): EventSink {
  return { emit: (e) => io.out(JSON.stringify(e)) };
}
