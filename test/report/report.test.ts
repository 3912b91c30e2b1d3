/**
 * The HTML report of a real flagship run: written at the end of the run, self-contained, showing
 * the summary, the stage graph, tasks with their diffs, review rounds, repair routing, apply and
 * verify; and `odw report` regenerating it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import type { FlagshipRun } from '../helpers/flagship.js';
import { BLOCKER, runRejectThenApprove } from './scenario.js';

let run: FlagshipRun;
let html: string;
let reportPath: string;

beforeAll(async () => {
  run = await runRejectThenApprove();
  reportPath = join(run.repo.dir, '.odw/runs', run.record.id, 'report.html');
  html = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
});

/** The text of the element with this id (tags removed, entities decoded), for readable checks. */
function section(id: string): string {
  const start = html.search(new RegExp(`<[a-z]+ [^>]*id="${id}"`));
  if (start < 0) return '';
  const tag = html.slice(start + 1).match(/^[a-z]+/)![0];
  const end = html.indexOf(`</${tag}>`, start);
  return text(html.slice(start, end));
}

const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the run report', () => {
  it('is written at the end of the run, next to its record', () => {
    expect(run.code).toBe(0);
    expect(html).toMatch(/^<!doctype html>/);
    expect(text(html.match(/<title>[^<]*<\/title>/)![0])).toContain(`odw run ${run.record.id} · parallel-review-apply · succeeded`);
  });

  it('opens offline: no script that runs, no stylesheet, font, image or frame from anywhere', () => {
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|@font-face/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="odw-run">']);
    // url( only for the arrowheads of the graph, inside the page
    expect(html.match(/url\([^)]*\)/g)?.every((u) => u === 'url(#arrow)')).toBe(true);
  });

  it('starts with the summary: status, outcome, inputs, duration, the steps', () => {
    const summary = section('summary');
    expect(text(html.slice(html.indexOf('<h1'), html.indexOf('</h1>')))).toContain('succeeded approved in round 2, 3 files applied');
    expect(summary).toContain(`Run ${run.record.id}`);
    expect(summary).toMatch(/Agents 9 calls · tokens and cost not reported/);
    expect(text(html)).toContain('request add sum and formatSum');
    expect(section('steps')).toContain('review r1: reject blockers=2 — check `node test/check.mjs` exited with code 1: expected sum(2, 3) to be 5 but got -1');
    expect(section('steps')).toContain('repair r1: tasks=math (kept format,docs)');
  });

  it('draws the stage graph: a box per stage coloured by how it ended, the loop as a frame, arrows for needs', () => {
    const svg = html.slice(html.indexOf('<svg class="graph"'), html.indexOf('</svg>'));
    const boxes = [...svg.matchAll(/<g class="box st-(\w+)" data-stage="([\w-]+)">/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(boxes).toEqual(['plan:succeeded', 'implement:succeeded', 'review:succeeded', 'repair:succeeded', 'apply:succeeded', 'verify:succeeded']);
    expect(svg).toMatch(/<g class="frame st-succeeded"><title>rounds: succeeded, 2 rounds<\/title>/);
    expect(text(svg)).toContain('r1–r2 · approve');
    expect(text(svg)).toContain('fanout · ');
    // plan→implement, implement→rounds, review→repair, rounds→apply, apply→verify
    expect(svg.match(/class="edge"/g)).toHaveLength(5);
  });

  it('puts stages and agent calls on a timeline', () => {
    const svg = html.slice(html.indexOf('<svg class="timeline"'));
    const rows = [...svg.matchAll(/<text [^>]*class="rowlabel">([^<]+)<\/text>/g)].map((m) => text(m[1]).trim());
    expect(rows.slice(0, 5)).toEqual(['plan (plan)', 'planner', 'implement (fanout)', expect.any(String), expect.any(String)]);
    expect(rows).toContain('review r2 (review)');
    expect(rows.filter((r) => r === 'correctness')).toHaveLength(2);
  });

  it('shows each task: its prompt, owned files and the diff of every round, coloured', () => {
    const math = section('task-math');
    expect(math).toContain('math · sum()');
    expect(math).toContain('Owns src/math.js');
    expect(math).toContain('Export sum(a, b) from src/math.js.');
    expect(math).toMatch(/Round 1 · \+3 −1 .*Round 2 · \+3 −1/);
    const diff = html.slice(html.indexOf('id="task-math"'), html.indexOf('id="task-format"'));
    expect(diff).toContain('<span class="l-add">+  return a - b;</span>');
    expect(diff).toContain('<span class="l-add">+  return a + b;</span>');
    expect(diff).toContain('<span class="l-del">-// math helpers</span>');
    expect(diff).toMatch(/<details class="round">\s*<summary>Round 1[\s\S]*<details class="round" open>\s*<summary>Round 2/);
  });

  it('shows each review round: every reviewer, the blockers, the check output; and the repair routing', () => {
    const r1 = section('review-r1');
    expect(r1).toContain('Round 1: reject');
    expect(r1).toContain('Check node test/check.mjs failed (exit 1) expected sum(2, 3) to be 5 but got -1');
    expect(r1).toMatch(/Full output: \S+\/logs\/review@r1\.log/);
    expect(r1).toMatch(/correctness reject sum subtracts .*src\/math\.js returns a - b/);
    expect(r1).toMatch(/owner-risk approve fine —/);
    expect(section('review-r2')).toContain('Round 2: approve');
    const repairs = section('repairs');
    expect(repairs).toContain('After round 1: sent back math · kept format docs');
    expect(repairs).toContain('Blocker Task Why this task Rule and evidence');
    expect(repairs).toContain(`${BLOCKER} math blocker names src/math.js blocker-file file: src/math.js`);
    expect(section('apply')).toContain('Applied 3 files to the working tree');
    expect(section('verify')).toContain('Check node test/check.mjs exited with 0; the tree was left unchanged.');
  });

  it('odw report rewrites it and prints its path; an unknown run is a usage error', async () => {
    rmSync(reportPath);
    const r = await odw(['report'], { cwd: run.repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(join('.odw/runs', run.record.id, 'report.html'));
    expect(readFileSync(reportPath, 'utf8')).toBe(html);
    const opened = await odw(['report', run.record.id, '--open'], { cwd: run.repo.dir, env: { PATH: '/nonexistent' } });
    expect(opened.code).toBe(0);
    expect(opened.stderr).toContain('no xdg-open or open command here; open the file above in a browser');
    const unknown = await odw(['report', 'nope'], { cwd: run.repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('odw: no run "nope"');
  });
});
