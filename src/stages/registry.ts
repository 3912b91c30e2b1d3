/** Every stage kind, registered explicitly. A test checks this map against the folders and the schema. */
import type { StageKind } from '../plan/types.js';
import type { StageHandler } from './types.js';
import { applyHandler } from './apply/handler.js';
import { execHandler } from './exec/handler.js';
import { fanoutHandler } from './fanout/handler.js';
import { planHandler } from './plan/handler.js';
import { repairHandler } from './repair/handler.js';
import { reviewHandler } from './review/handler.js';
import { verifyHandler } from './verify/handler.js';

export const stageHandlers: Record<StageKind, StageHandler> = {
  exec: execHandler,
  plan: planHandler,
  fanout: fanoutHandler,
  review: reviewHandler,
  repair: repairHandler,
  apply: applyHandler,
  verify: verifyHandler,
};
