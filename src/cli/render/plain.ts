/** One line per event: for pipes, logs and CI (`odw run` when stdout is not a terminal or CI is set). */
import type { EventSink, RunEvent } from '../../ports/events.js';
import { historyLine } from '../../record/views.js';
import type { CliIO } from '../io.js';
import { firstLine, formatDuration, usageText } from '../../util/format.js';
import { agentLabel } from './format.js';

const at = (round?: number) => (round ? ` (round ${round})` : '');

export function plainRenderer(io: CliIO): EventSink {
  /** call id → who the agent works for, from its agent_started event. */
  const labels = new Map<string, string>();
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
        case 'agent_started': {
          const label = agentLabel(e);
          labels.set(e.call, label);
          return io.out(`  · ${e.stage} ${label}: ${e.runtime} started`);
        }
        case 'agent_state':
          return io.out(`  · ${e.stage} ${labels.get(e.call) ?? e.call}: ${e.state}${e.detail ? ` — ${firstLine(e.detail)}` : ''}`);
        case 'agent_finished': {
          const usage = usageText(e.tokens, e.costUsd);
          return io.out(`  · ${e.stage} ${labels.get(e.call) ?? e.call}: ${e.outcome} in ${formatDuration(e.durationMs)}${usage ? `, ${usage}` : ''}`);
        }
        case 'history':
          // The shipped stage kinds describe their step (plan, implement, review, repair, apply,
          // verify); generic stages and loops are already told by the lines above.
          if (!e.entry.stage && e.entry.step !== 'loop') io.out(`  ${historyLine(e.entry)}`);
          return;
        default:
          return;
      }
    },
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export function jsonRenderer(io: CliIO): EventSink {
  return { emit: (e) => io.out(JSON.stringify(e)) };
}
