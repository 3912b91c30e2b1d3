#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: repair routing against a labelled corpus. Which tasks does odw send back after a
 * rejected review, and does each one's feedback show the failing assertion?
 *
 *   npm run build && node bench/routing.mjs [--set main|holdout] [--only P,...] [--exclude P,...] [--json] [--verbose]
 *
 * --only / --exclude keep or drop the cases whose id starts with one of the comma-separated prefixes
 * (a part of a corpus scored alone, e.g. a development half and a test half of the held-out cases).
 *
 * The corpus (bench/routing/cases/*.json, made by bench/routing/generate.mjs; see docs/repair.md)
 * holds small multi-task projects (--set holdout: bench/routing/holdout/*.json, the held-out cases
 * written apart from the routing rules): each task's diff, the real output of a failing check, reviewer
 * blockers, and labels (the exact set of tasks to repair, the text the feedback must contain,
 * whether the answer is a judgement call). Blockers and task candidates are built as the review
 * stage builds them (check.ts `checkBlocker` over the 30-line tail `runCheck` keeps, candidates as
 * `routingView` gives them) and routed by the built code in dist/. Always exits 0: it measures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, '..', 'dist');

/**
 * THE adapter: the only place that knows odw's routing API. With a failure parser in
 * dist/stages/review/failures/ (a module exporting `parseFailures(output, {cwd})`), the check's
 * whole output is parsed and the check result carries it as `failures` (as runCheck keeps it),
 * with the log's path, when its blocker and the review record are made; routing is the repair
 * stage's own `routeReview(review, tasks, readFile)` (readFile: the base's files, as the repair
 * stage reads the repository). Without a parser (odw before excerpts), `routeBlockers(blockers,
 * tasks)`. The check blocker comes first, then the reviewers' blockers, as in the review stage.
 * Returns the tasks sent back and the feedback each would receive.
 */
async function routeCase(odw, { reviewerBlockers, tasks, check: plain, output, cwd, reviews, base }) {
  const failures = plain && odw.parseFailures ? odw.parseFailures(output, { cwd }) : undefined;
  const check = plain && failures ? { ...plain, failures, log: '.odw/runs/<id>/logs/review.log' } : plain;
  const blockers = [...(check ? [{ message: odw.checkBlocker(check), source: 'check' }] : []), ...reviewerBlockers];
  const review = { decision: 'reject', round: 1, blockers, reviews, ...(check ? { check } : {}) };
  const readFile = (path) => base?.[path];
  const modern = Boolean(odw.parseFailures && odw.routeReview);
  const route = modern ? odw.routeReview(review, tasks, readFile) : odw.routeBlockers(blockers, tasks);
  const feedback = new Map(route.tasks.map((t) => [t, odw.feedbackFor(t, review, route.reasons)]));
  return { tasks: route.tasks, feedback, api: modern ? 'routeReview(review, tasks, readFile) with check.failures' : 'routeBlockers(blockers, tasks)' };
}

/** odw's built modules; the failure parser and routeReview only if they exist. */
async function loadOdw() {
  const imp = (p) => import(pathToFileURL(join(dist, p)).href);
  const [{ routeBlockers }, { feedbackFor }, { checkBlocker }, { tailLines }] = await Promise.all([
    imp('stages/repair/route.js'),
    imp('stages/repair/feedback.js'),
    imp('stages/review/check.js'),
    imp('util/tail.js'),
  ]);
  const routeReview = await imp('stages/repair/review-route.js').then(
    (m) => m.routeReview,
    () => undefined,
  );
  let parseFailures;
  let dir = [];
  try {
    dir = readdirSync(join(dist, 'stages/review/failures')).filter((f) => f.endsWith('.js'));
  } catch {
    // no parser built
  }
  for (const f of dir) {
    const m = await imp(`stages/review/failures/${f}`);
    if (typeof m.parseFailures === 'function') parseFailures = m.parseFailures;
  }
  return { routeBlockers, routeReview, feedbackFor, checkBlocker, tailLines, parseFailures };
}

/** The check result (as runCheck keeps it), reviewer blockers and candidates (as routingView gives them) of a case. */
function reviewOf(odw, c) {
  let check;
  let output = '';
  if (c.check) {
    const { stdout, stderr, cwd, command, exitCode } = c.check;
    output = [stdout.trimEnd(), stderr.trimEnd()].filter(Boolean).join('\n');
    // as runCheck: the last 30 lines of stdout and stderr, workspace paths made relative
    const tail = odw.tailLines(output, 30).replaceAll(`${cwd}/`, '');
    check = { command, ok: false, exitCode, timedOut: false, tail, durationMs: 0 };
  }
  const tasks = c.tasks.map((t) => ({ id: t.id, owned: t.files, touched: t.touched, prompt: t.prompt, diff: t.diff }));
  const reviewers = [...new Set(c.reviewers.map((r) => r.source))];
  const reviews = reviewers.map((r) => ({ reviewer: r, summary: 'requested changes' }));
  return { reviewerBlockers: c.reviewers, tasks, check, output, cwd: c.check?.cwd ?? '', reviews, base: c.base };
}

/** The corpora bench/routing/generate.mjs writes, by --set. */
const SETS = { main: 'cases', holdout: 'holdout' };

const prefixes = (s) =>
  s
    ? s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];

function loadCorpus(set, only, exclude) {
  const dir = join(root, 'routing', SETS[set]);
  const starts = (id, ps) => ps.some((p) => id.startsWith(p));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((c) => (!only.length || starts(c.id, only)) && !starts(c.id, exclude));
}

async function score(odw, c) {
  const r = await routeCase(odw, reviewOf(odw, c));
  const want = new Set(c.expect.tasks);
  const got = new Set(r.tasks);
  const over = r.tasks.filter((t) => !want.has(t));
  const under = c.expect.tasks.filter((t) => !got.has(t));
  let excerpt;
  if (c.expect.text) {
    // what the repaired tasks' agents read, whichever tasks they are: the excerpt apart from routing
    excerpt = r.tasks.some((t) => (r.feedback.get(t) ?? '').includes(c.expect.text));
  }
  return {
    id: c.id,
    runner: c.runner,
    covers: c.covers,
    judgement: c.expect.judgement,
    expected: c.expect.tasks,
    routed: r.tasks,
    exact: !over.length && !under.length,
    over,
    under,
    excerpt,
    api: r.api,
  };
}

function tally(results) {
  const withText = results.filter((r) => r.excerpt !== undefined);
  return {
    cases: results.length,
    exact: results.filter((r) => r.exact).length,
    overRepair: results.filter((r) => r.over.length).length,
    underRepair: results.filter((r) => r.under.length).length,
    excerptHits: withText.filter((r) => r.excerpt).length,
    excerptCases: withText.length,
  };
}

const pct = (n, d) => (d ? `${Math.round((100 * n) / d)}%` : '-');

function table(what, rows, total = undefined, judgement = undefined) {
  const head = `${what.padEnd(30)} cases  exact        over  under  excerpt hits`;
  const row = (name, t) =>
    `${name.padEnd(30)} ${String(t.cases).padStart(5)}  ${`${t.exact} (${pct(t.exact, t.cases)})`.padEnd(11)}  ${String(t.overRepair).padStart(4)}  ${String(t.underRepair).padStart(5)}  ${t.excerptCases ? `${t.excerptHits}/${t.excerptCases}` : '-'}`;
  const tail = total ? [row('total', total), row('judgement calls', judgement)] : [];
  return [head, ...Object.entries(rows).map(([k, t]) => row(k, t)), ...tail].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'main' },
      only: { type: 'string', default: '' },
      exclude: { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!Object.hasOwn(SETS, values.set)) {
    console.error(`bench/routing: --set must be one of ${Object.keys(SETS).join(', ')}`);
    return;
  }
  if (!existsSync(join(root, 'routing', SETS[values.set]))) {
    console.error(`bench/routing: no corpus in bench/routing/${SETS[values.set]}; make it with \`node bench/routing/generate.mjs --set ${values.set}\``);
    return;
  }
  let odw;
  try {
    odw = await loadOdw();
  } catch (e) {
    console.error(`bench/routing: cannot load odw from dist/ (${e instanceof Error ? e.message : e}); run \`npm run build\` first`);
    return;
  }
  const results = [];
  for (const c of loadCorpus(values.set, prefixes(values.only), prefixes(values.exclude))) results.push(await score(odw, c));
  const clear = results.filter((r) => !r.judgement);
  const runners = [...new Set(clear.map((r) => r.runner))].sort();
  const byRunner = Object.fromEntries(runners.map((k) => [k, tally(clear.filter((r) => r.runner === k))]));
  const total = tally(clear);
  const judgement = tally(results.filter((r) => r.judgement));
  const situations = [...new Set(clear.flatMap((r) => r.covers))].sort();
  const bySituation = Object.fromEntries(situations.map((k) => [k, tally(clear.filter((r) => r.covers.includes(k)))]));
  const api = results[0]?.api ?? 'none';
  if (values.json) {
    console.log(JSON.stringify({ set: values.set, api, total, judgement, byRunner, bySituation, cases: results }, null, 2));
    return;
  }
  console.log(`routing (${values.set}): ${results.length} cases (${judgement.cases} judgement calls, counted apart); ${api}\n`);
  console.log(table('runner', byRunner, total, judgement));
  console.log(`\nby situation (a case may count in several; judgement calls left out):\n${table('situation', bySituation)}`);
  const shown = values.verbose ? results : results.filter((r) => !r.exact || r.excerpt === false);
  if (shown.length) console.log(`\n${values.verbose ? 'all cases' : 'misses'} (expected -> routed; excerpt hit):`);
  for (const r of shown) {
    const mark = r.judgement ? ' [judgement]' : '';
    const ex = r.excerpt === undefined ? '' : r.excerpt ? '  excerpt ok' : '  excerpt MISSING';
    console.log(`  ${r.id.padEnd(30)} ${r.expected.join(',')} -> ${r.routed.join(',') || '(none)'}${ex}${mark}`);
  }
}

await main().catch((e) => console.error(`bench/routing: ${e instanceof Error ? e.stack : e}`));
process.exitCode = 0;
