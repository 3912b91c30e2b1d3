/**
 * The Chromium from the npm registry (@sparticuz/chromium, test/helpers/chromium.ts) is what the
 * report tests use on a fresh machine with no system browser. Tested here even where a system
 * Chromium exists: it unpacks into node_modules/.cache, starts with the tests' flags, and opens a
 * local page offline; ODW_TEST_CHROMIUM and CHROMIUM_PATH pick the browser as documented.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { CHROMIUM_ARGS, npmChromium, npmChromiumVersion, testChromium } from '../helpers/chromium.js';
import { tempDir } from '../helpers/tmp.js';

const saved = { ODW_TEST_CHROMIUM: process.env.ODW_TEST_CHROMIUM, CHROMIUM_PATH: process.env.CHROMIUM_PATH };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the Chromium from the npm registry', () => {
  it('unpacks once into the cache and renders a local page offline: what it links to is refused, nothing loads', async () => {
    const path = await npmChromium();
    expect(path).toBe(join(ROOT, 'node_modules/.cache/odw-chromium', npmChromiumVersion(), 'chromium'));
    expect(await npmChromium()).toBe(path);
    const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
    try {
      expect(browser.version().split('.')[0]).toBe(npmChromiumVersion().split('.')[0]);
      const file = join(tempDir('odw-chromium-'), 'page.html');
      writeFileSync(file, '<h1>odw report</h1><img src="http://127.0.0.1:9/x.png"><script src="https://example.com/x.js"></script>');
      const url = pathToFileURL(file).href;
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.locator('h1').innerText()).toBe('odw report');
      expect((await page.screenshot()).length).toBeGreaterThan(1000);
      // the page asked for the image and the script, and got neither (routed away, as in the report tests)
      expect([...requests].sort()).toEqual(['http://127.0.0.1:9/x.png', 'https://example.com/x.js', url].sort());
      expect(await page.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('is used when ODW_TEST_CHROMIUM=npm, even with a system Chromium; CHROMIUM_PATH names the system one', async () => {
    process.env.CHROMIUM_PATH = process.execPath;
    delete process.env.ODW_TEST_CHROMIUM;
    expect(await testChromium()).toEqual({ path: process.execPath, source: 'system' });
    process.env.ODW_TEST_CHROMIUM = 'npm';
    expect(await testChromium()).toEqual({ path: await npmChromium(), source: 'npm' });
    process.env.ODW_TEST_CHROMIUM = 'chrome';
    await expect(testChromium()).rejects.toThrow('ODW_TEST_CHROMIUM=chrome: the only value is "npm"');
    delete process.env.ODW_TEST_CHROMIUM;
    process.env.CHROMIUM_PATH = join(ROOT, 'no-such-chromium');
    await expect(testChromium()).rejects.toThrow(`CHROMIUM_PATH=${join(ROOT, 'no-such-chromium')} does not exist`);
  });
});
