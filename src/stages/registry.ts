/** Every stage kind, registered explicitly. A test checks this map against the folders and the schema. */
import type { StageKind } from '../plan/types.js';
import type { StageHandler } from './types.js';
import { execHandler } from './exec/handler.js';
import { unavailable } from './unavailable.js';

export const stageHandlers: Record<StageKind, StageHandler> = {
  exec: execHandler,
  plan: unavailable('plan'),
  fanout: unavailable('fanout'),
  review: unavailable('review'),
  repair: unavailable('repair'),
  apply: unavailable('apply'),
  verify: unavailable('verify'),
};
