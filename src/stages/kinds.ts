/**
 * Every stage kind's definition (pure data: no handler is loaded), registered explicitly, one line
 * per kind; src/stages/registry.ts holds the handlers. test/stages/registry.test.ts checks both
 * against the folders, the schema and the docs' failure tables.
 */
import type { Stage } from '../config/pipeline.generated.js';
import type { EdgeSpec, StageDefinition } from './definition.js';
import { applyDefinition } from './apply/definition.js';
import { execDefinition } from './exec/definition.js';
import { fanoutDefinition } from './fanout/definition.js';
import { planDefinition } from './plan/definition.js';
import { repairDefinition } from './repair/definition.js';
import { reviewDefinition } from './review/definition.js';
import { verifyDefinition } from './verify/definition.js';

export const stageKinds: Readonly<Record<NonNullable<Stage['uses']>, StageDefinition>> = {
  exec: execDefinition,
  plan: planDefinition,
  fanout: fanoutDefinition,
  review: reviewDefinition,
  repair: repairDefinition,
  apply: applyDefinition,
  verify: verifyDefinition,
};

/** The definition of a kind, or undefined for a name that is none (validation reports it). */
export const definitionOf = (kind: string | undefined): StageDefinition | undefined =>
  kind !== undefined && Object.hasOwn(stageKinds, kind) ? stageKinds[kind as keyof typeof stageKinds] : undefined;

/** The runtime profile a stage of this kind calls when it names none (`runtime:`); undefined for kinds that call no agent. */
export const defaultRuntime = (kind: string | undefined): string | undefined => definitionOf(kind)?.runtime;

/** The data edges of a kind. */
export const edgeSpecs = (kind: string | undefined): readonly EdgeSpec[] => definitionOf(kind)?.edges ?? [];
