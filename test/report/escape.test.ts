/**
 * Text from agents, prompts, diffs and inputs is shown as text in the report: a run whose agents
 * answer with `</script><script>…` and whose diff adds an `<img onerror>` produces no such element.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scriptJson } from '../../src/report/render.js';
import { IMG, SCRIPT, runHostile } from './scenario.js';

let html: string;

beforeAll(async () => {
  const run = await runHostile();
  expect(run.code).toBe(0);
  html = readFileSync(join(run.repo.dir, '.odw/runs', run.record.id, 'report.html'), 'utf8');
});

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/=/g, '&#x3D;');

describe('escaping in the report', () => {
  it('agent messages, blockers, the request and diff lines appear escaped, never as markup', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img');
    expect(html).toContain(`docs done ${escaped(SCRIPT)}`);
    expect(html).toContain(`<span class="l-add">+${escaped(IMG)}</span>`);
    expect(html).toContain(`sum subtracts ${escaped(IMG)}`);
    expect(html).toContain(`add sum ${escaped(SCRIPT)}`);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('the JSON in the page cannot close its script element, and reads back unchanged', () => {
    const open = '<script type="application/json" id="odw-run">';
    const body = html.slice(html.indexOf(open) + open.length, html.indexOf('</script>', html.indexOf(open)));
    expect(body).not.toMatch(/[<>]/);
    expect(body).toContain('\\u003c/script\\u003e');
    const data = JSON.parse(body);
    expect(data.inputs.request).toBe(`add sum ${SCRIPT}`);
    expect(JSON.stringify(data.history)).toContain(JSON.stringify(SCRIPT).slice(1, -1));
  });

  it('scriptJson escapes every character that could end a script or a line in it', () => {
    const tricky = { a: '</script><!--', b: '&amp;', c: '\u2028\u2029' };
    const out = scriptJson(tricky);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(tricky);
  });
});
