/**
 * Writes `.odw/runs/<id>/report.html`: one self-contained page (inline CSS and SVG, no script that
 * runs, no request) made from the run's record, agent calls, patches and stage graph.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../config/load.js';
import { compile } from '../plan/compile.js';
import type { ExecutionPlan } from '../plan/types.js';
import { runDir } from '../record/paths.js';
import { readCalls, readRun, shownStatus } from '../record/read.js';
import type { RunRecord } from '../record/types.js';
import { readJson, writeFileAtomic, writeJsonAtomic } from '../util/fs.js';
import { createRedactor, redactDeep, runSecrets, type Redactor, type Secret } from '../agents/redact.js';
import { graphFromRecord, graphOf, type GraphNode } from './graph.js';
import { buildReport } from './model.js';

const REPORT_FILE = 'report.html';
const PATCH_BYTES = 2_000_000;

/**
 * Writes the report of a run (`latest` or an id) and returns its path. Secret values (by default
 * those of odw's environment and the plan's profiles) are redacted from everything it shows, the
 * task diffs rendered from patch files included.
 */
export async function writeReport(repo: string, idOrLatest: string, opts: { plan?: ExecutionPlan; secrets?: readonly Secret[] } = {}): Promise<string> {
  const record = readRun(repo, idOrLatest);
  const dir = runDir(repo, record.id);
  const redact = createRedactor(opts.secrets ?? runSecrets(process.env, opts.plan?.spec.runtimes));
  const graph = await stageGraph(dir, record, opts.plan);
  const calls = redactDeep(readCalls(repo, record.id), redact);
  const model = buildReport({ record: redactDeep(record, redact), status: shownStatus(record), calls, patches: readPatches(dir, redact), graph });
  const path = join(dir, REPORT_FILE);
  // handlebars loads only when a report is written, not with every odw command
  const { renderReport } = await import('./render.js');
  writeFileAtomic(path, renderReport(model));
  return path;
}

/** The report at the end of a run; a report that cannot be written never changes the run's outcome. */
export async function writeReportAfterRun(repo: string, id: string, plan: ExecutionPlan): Promise<string | undefined> {
  try {
    return await writeReport(repo, id, { plan });
  } catch {
    return undefined;
  }
}

/** The plan's shape: saved with the run, else from the pipeline file, else the stages recorded. */
async function stageGraph(dir: string, record: RunRecord, plan?: ExecutionPlan): Promise<GraphNode[]> {
  const file = join(dir, 'graph.json');
  if (plan) {
    const graph = graphOf(plan);
    writeJsonAtomic(file, graph);
    return graph;
  }
  const saved = readJson<GraphNode[]>(file);
  if (saved) return saved;
  try {
    const loaded = existsSync(record.pipeline.file) ? await loadPipeline(record.pipeline.file, { cwd: record.repo }) : undefined;
    if (loaded?.ok) return graphOf(compile(loaded.pipeline));
  } catch {
    // the pipeline changed since the run: draw what the record knows
  }
  return graphFromRecord(record.stages);
}

/** Task patches by name (`<task>.r<round>`); the combined candidates are left out. */
function readPatches(dir: string, redact: Redactor): Map<string, string> {
  const patches = new Map<string, string>();
  const folder = join(dir, 'patches');
  if (!existsSync(folder)) return patches;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.patch') || name.startsWith('candidate.')) continue;
    const text = redact(readFileSync(join(folder, name), 'utf8'));
    patches.set(name.slice(0, -'.patch'.length), text.length > PATCH_BYTES ? `${text.slice(0, PATCH_BYTES)}\n` : text);
  }
  return patches;
}
