/** The semantic rules, run in this order over the merged pipeline; each returns its mistakes. */
import { agentLists } from './agents.js';
import type { Rule } from './context.js';
import { edges } from './edges.js';
import { expressions } from './expressions.js';
import { inputDefaults } from './inputs.js';
import { cycles, needs } from './needs.js';
import { reviewChange } from './review-change.js';
import { runtimes } from './runtimes.js';
import { flatLoops, ignoredKeys, reservedNames, stageKind, stagesPresent, uniqueIds } from './stages.js';
import { templates } from './templates.js';

export const rules: Rule[] = [
  stagesPresent,
  stageKind,
  uniqueIds,
  reservedNames,
  flatLoops,
  ignoredKeys,
  needs,
  cycles,
  edges,
  runtimes,
  agentLists,
  inputDefaults,
  expressions,
  templates,
  reviewChange,
];

export type { Rule } from './context.js';
