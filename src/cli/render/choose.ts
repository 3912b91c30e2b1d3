/**
 * Which renderer `odw run` uses: JSON lines with --json; the live view on an interactive terminal;
 * one plain line per event when stdout is a pipe or a file, when CI is set, or on a dumb terminal.
 * NO_COLOR turns colours off (the live view stays).
 */
import type { ExecutionPlan } from '../../plan/types.js';
import type { EventSink } from '../../ports/events.js';
import type { CliIO } from '../io.js';
import { jsonRenderer, plainRenderer } from './plain.js';

export type RendererKind = 'json' | 'live' | 'plain';

export function rendererKind(io: Pick<CliIO, 'isTTY' | 'env'>, json?: boolean): RendererKind {
  if (json) return 'json';
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false' && io.env.CI !== '0';
  return io.isTTY && !ci && io.env.TERM !== 'dumb' ? 'live' : 'plain';
}

export async function chooseRenderer(io: CliIO, opts: { json?: boolean; plan: ExecutionPlan }): Promise<EventSink> {
  const kind = rendererKind(io, opts.json);
  if (kind === 'json') return jsonRenderer(io);
  if (kind === 'plain') return plainRenderer(io);
  const { startLiveView } = await import('./live.js');
  return startLiveView(opts.plan);
}
