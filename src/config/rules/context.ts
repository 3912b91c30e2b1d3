/** What every semantic rule receives, and walks over the stage tree that several rules share. */
import type { ConfigError } from '../errors.js';
import type { Locator } from '../origins.js';
import { isObject, type Segment } from '../path.js';

export interface RuleContext {
  /** The merged pipeline, before normalisation (`needs` may still be a string). */
  spec: Record<string, unknown>;
  loc: Locator;
  /** Stages an extending file added with a new id. */
  appended: WeakSet<object>;
  /** Template files that were read: absolute path → content. */
  templates: ReadonlyMap<string, string>;
}

/** A rule collects mistakes; it never throws. */
export type Rule = (ctx: RuleContext) => ConfigError[];

export interface StageEntry {
  stage: Record<string, unknown>;
  id?: string;
  segments: Segment[];
  /** Loop groups around this stage, outermost first (by id). */
  groups: string[];
}

/** Every stage object of the tree, depth first, in document order. */
export function allStages(spec: Record<string, unknown>): StageEntry[] {
  const out: StageEntry[] = [];
  const walk = (list: unknown, segments: Segment[], groups: string[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((stage, i) => {
      if (!isObject(stage)) return;
      const id = typeof stage.id === 'string' ? stage.id : undefined;
      const at = [...segments, i];
      out.push({ stage, id, segments: at, groups });
      walk(stage.stages, [...at, 'stages'], id === undefined ? groups : [...groups, id]);
    });
  };
  walk(spec.stages, ['stages'], []);
  return out;
}

/** The stage ids a stage needs, with the path of each (`needs` or `needs[i]`). */
export function needsOf(entry: StageEntry): { id: string; segments: Segment[] }[] {
  const needs = entry.stage.needs;
  if (typeof needs === 'string') return [{ id: needs, segments: [...entry.segments, 'needs'] }];
  if (!Array.isArray(needs)) return [];
  return needs.flatMap((id, i) => (typeof id === 'string' ? [{ id, segments: [...entry.segments, 'needs', i] }] : []));
}

export function keysOf(v: unknown): string[] {
  return isObject(v) ? Object.keys(v) : [];
}

/** Declared input names. */
export function inputNames(spec: Record<string, unknown>): string[] {
  return keysOf(spec.inputs);
}
