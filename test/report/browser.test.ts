/**
 * The report of a real flagship run, opened in headless Chromium driven by playwright-core (the
 * system's, or the one from the npm registry: test/helpers/chromium.ts): what a person sees, with
 * no page error and no request besides the file itself. ODW_UPDATE_SCREENSHOT=1 saves the picture
 * used by docs/observability.md.
 */
import { mkdtempSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { launchTestChromium } from '../helpers/chromium.js';
import { IMG, SCRIPT, runHostile, runRejectThenApprove } from './scenario.js';

let browser: Browser | undefined;

beforeAll(async () => {
  ({ browser } = await launchTestChromium());
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

/** Opens a report; every request other than the file itself is recorded and refused. */
async function open(repo: string, id: string, viewport = { width: 1280, height: 1500 }): Promise<Opened> {
  const url = pathToFileURL(join(repo, '.odw/runs', id, 'report.html')).href;
  const page = await browser!.newPage({ viewport });
  const opened: Opened = { page, url, requests: [], errors: [], dialogs: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('pageerror', (e) => opened.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && opened.errors.push(m.text()));
  page.on('dialog', (d) => (opened.dialogs.push(d.message()), void d.dismiss()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

describe('the run report in a browser', () => {
  it('shows the summary, the stage graph, the timeline, the tasks and the review rounds, offline', async () => {
    const run = await runRejectThenApprove();
    expect(run.code).toBe(0);
    const { page, url, requests, errors } = await open(run.repo.dir, run.record.id);

    await expect.poll(() => page.locator('h1').innerText()).toBe('succeeded approved in round 2, 3 files applied');
    expect(await page.locator('#summary').innerText()).toContain(run.record.id);
    expect(await page.locator('#steps').innerText()).toContain('review r1: reject blockers=2');

    const graph = page.locator('svg.graph');
    expect(await graph.isVisible()).toBe(true);
    expect(await graph.locator('g.box').count()).toBe(6);
    expect(await graph.locator('g.frame').count()).toBe(1);
    // the boxes sit inside the picture and do not overlap one another
    const boxes = await graph
      .locator('g.box rect')
      .evaluateAll((rects) => rects.map((r) => (r as SVGGraphicsElement).getBBox()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
    const size = await graph.evaluate((svg) => ({ w: (svg as SVGSVGElement).width.baseVal.value, h: (svg as SVGSVGElement).height.baseVal.value }));
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.w <= size.w && a.y + a.h <= size.h).toBe(true);
      for (const b of boxes.slice(i + 1)) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    }
    expect(await page.locator('svg.timeline g.bar').count()).toBeGreaterThanOrEqual(9 + 7);

    for (const task of ['math', 'format', 'docs']) expect(await page.locator(`#task-${task}`).isVisible()).toBe(true);
    const added = page.locator('#task-math details[open] .l-add', { hasText: 'return a + b;' });
    expect(await added.isVisible()).toBe(true);
    expect(await added.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(230, 255, 236)');

    expect(await page.locator('#review-r1 .decision').first().innerText()).toBe('reject');
    expect(await page.locator('#review-r1').innerText()).toContain('expected sum(2, 3) to be 5 but got -1');
    expect(await page.locator('#review-r2 .decision').first().innerText()).toBe('approve');
    expect(await page.locator('#repairs').innerText()).toContain('blocker names src/math.js');

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    const dir = process.env.ODW_UPDATE_SCREENSHOT === '1' ? join(ROOT, 'docs/images') : mkdtempSync(join(tmpdir(), 'odw-report-'));
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('shows hostile agent text and diff lines as text: no script runs, no image loads', async () => {
    const run = await runHostile();
    expect(run.code).toBe(0);
    const { page, url, requests, errors, dialogs } = await open(run.repo.dir, run.record.id);
    await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const shown = await page.locator('body').innerText();
    expect(shown).toContain(`docs done ${SCRIPT}`);
    expect(shown).toContain(`+${IMG}`);
    expect(shown).toContain(`sum subtracts ${IMG}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.evaluate(() => JSON.parse(document.getElementById('odw-run')!.textContent!).inputs.request)).toBe(`add sum ${SCRIPT}`);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
