/** The composition root: the one place where real adapters are wired into ports. */
import { createProcessRunner } from './adapters/process.js';
import { systemClock } from './adapters/clock.js';
import type { Ports } from './stages/types.js';

export function createPorts(): Ports {
  return {
    process: createProcessRunner(),
    clock: systemClock,
  };
}
