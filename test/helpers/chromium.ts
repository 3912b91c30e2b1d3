/**
 * The Chromium the report tests drive with playwright-core. The system's when there is one
 * (CHROMIUM_PATH, else Debian's /usr/bin/chromium); otherwise the headless shell that the
 * @sparticuz/chromium dev dependency ships inside its npm package (Linux x64), unpacked once into
 * node_modules/.cache/odw-chromium/<version>/ — so `npm ci && npm test` needs no system browser.
 * ODW_TEST_CHROMIUM=npm uses the npm one even when a system Chromium exists.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './cli.js';

export interface TestChromium {
  path: string;
  /** where it came from: the machine, or the @sparticuz/chromium package */
  source: 'system' | 'npm';
}

/** The flags of every test browser: headless, no sandbox (CI runs as root), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM = '/usr/bin/chromium';

export async function testChromium(): Promise<TestChromium> {
  const wanted = process.env.ODW_TEST_CHROMIUM;
  if (wanted !== undefined && wanted !== '' && wanted !== 'npm')
    throw new Error(`ODW_TEST_CHROMIUM=${wanted}: the only value is "npm" (use the Chromium from the npm registry)`);
  if (wanted !== 'npm') {
    const path = process.env.CHROMIUM_PATH;
    if (path) {
      if (!existsSync(path))
        throw new Error(`CHROMIUM_PATH=${path} does not exist: point it at a Chromium executable, or unset it to use ${SYSTEM} or the npm one`);
      return { path, source: 'system' };
    }
    if (existsSync(SYSTEM)) return { path: SYSTEM, source: 'system' };
  }
  return { path: await npmChromium(), source: 'npm' };
}

/** The version of the @sparticuz/chromium package installed (its major is Chromium's). */
export function npmChromiumVersion(): string {
  return packageJson(packageDir()).version;
}

/** Launches the test Chromium; a browser that does not start says which one it was and what to do. */
export async function launchTestChromium(): Promise<{ browser: Browser; chromium: TestChromium }> {
  const found = await testChromium();
  try {
    return { browser: await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS }), chromium: found };
  } catch (err) {
    const hint =
      found.source === 'npm'
        ? 'it needs the shared libraries libnss3 and libnspr4 (Debian: apt-get install -y libnss3), or set CHROMIUM_PATH to an installed Chromium'
        : 'set CHROMIUM_PATH to a working Chromium, or ODW_TEST_CHROMIUM=npm to use the one from the npm registry';
    throw new Error(`Chromium (${found.source}, ${found.path}) did not start: ${hint}\n${(err as Error).message}`);
  }
}

function packageJson(dir: string): { name?: string; version: string } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
}

/** The package's folder: above its entry point (it exports nothing else), the one named @sparticuz/chromium. */
function packageDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
  while (!(existsSync(join(dir, 'package.json')) && packageJson(dir).name === '@sparticuz/chromium')) {
    if (dirname(dir) === dir) throw new Error('@sparticuz/chromium is not installed: run npm ci');
    dir = dirname(dir);
  }
  return dir;
}

/**
 * Unpacks the package's brotli-compressed headless shell with its own executablePath(), which
 * writes into os.tmpdir(): pointed at a private folder that is then renamed into the cache, so
 * concurrent test runs and an interrupted unpack never leave a half-written browser behind.
 */
export async function npmChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `no Chromium for the report tests: @sparticuz/chromium ships one for Linux x64 only (this is ${process.platform} ${process.arch}). Install Chromium and set CHROMIUM_PATH to it.`,
    );
  }
  const dir = join(ROOT, 'node_modules', '.cache', 'odw-chromium', npmChromiumVersion());
  const exe = join(dir, 'chromium');
  if (existsSync(exe)) return exe;
  mkdirSync(dirname(dir), { recursive: true });
  const stage = mkdtempSync(join(dirname(dir), '.unpack-'));
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = stage;
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    const unpacked = await Chromium.executablePath();
    if (unpacked !== join(stage, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${stage}`);
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    renameSync(stage, dir);
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    if (!existsSync(exe)) throw err; // else another test run unpacked it first
  }
  return exe;
}
