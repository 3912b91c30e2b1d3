import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const load = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../schemas/${name}`, import.meta.url)), 'utf8')) as object;

/** The planner's answer (schemas/plan.schema.json). */
export const PLAN_SCHEMA = load('plan.schema.json');
/** A reviewer's answer (schemas/review.schema.json). */
export const REVIEW_SCHEMA = load('review.schema.json');
