/**
 * Watch mode: run a pipeline, and rerun it whenever a file it reads changes — the pipeline file,
 * the files it extends, its templates, its file inputs. Bursts of saves are debounced into one
 * rerun; a run in flight is cancelled (and finishes cancelling) before the next one starts; an
 * edit that makes the pipeline invalid prints its errors and keeps watching without running.
 * File events can be missed (a file created before the watcher has attached, a network file
 * system), so a slow poll of the watched files' size, mtime and inode backs the events up.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { ConfigError } from '../config/errors.js';
import { loadPipeline, type ResolvedPipeline } from '../config/load.js';
import { UserError } from '../util/errors.js';

export interface WatchOptions {
  ref: string;
  cwd: string;
  /** Files the run reads besides the pipeline's own sources (e.g. file inputs). */
  inputFiles(pipeline: ResolvedPipeline): string[];
  runOnce(pipeline: ResolvedPipeline, signal: AbortSignal): Promise<unknown>;
  onInvalid(errors: ConfigError[]): void;
  log(message: string): void;
  /** Aborting stops watching (and cancels a run in flight). */
  signal: AbortSignal;
  debounceMs?: number;
  /** How often the watched files are checked in case an event was missed. */
  pollMs?: number;
}

/** What a change to a file changes: size, mtime and inode, or that it is missing. */
function fingerprint(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

export async function watchPipeline(opts: WatchOptions): Promise<void> {
  const debounceMs = opts.debounceMs ?? 300;
  const watcher: FSWatcher = watch([], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
  let watched = new Set<string>();
  /** Each watched file as the last load saw it. */
  let seen = new Map<string, string>();
  let inFlight: { controller: AbortController; done: Promise<unknown> } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const setWatched = (files: string[]) => {
    const next = new Set(files.map((f) => resolve(opts.cwd, f)));
    const drop = [...watched].filter((f) => !next.has(f));
    const add = [...next].filter((f) => !watched.has(f));
    if (drop.length) watcher.unwatch(drop);
    if (add.length) watcher.add(add);
    watched = next;
    seen = new Map([...next].map((f) => [f, fingerprint(f)]));
  };

  const cancelInFlight = async () => {
    if (!inFlight) return;
    inFlight.controller.abort();
    await inFlight.done.catch(() => undefined);
    inFlight = undefined;
  };

  const cycle = async () => {
    await cancelInFlight();
    if (opts.signal.aborted) return;
    const loaded = await loadPipeline(opts.ref, { cwd: opts.cwd });
    if (!loaded.ok) {
      // Keep watching what we watched, plus every file an error points into.
      setWatched([...watched, resolve(opts.cwd, opts.ref), ...loaded.errors.map((e) => e.file).filter(Boolean)]);
      opts.onInvalid(loaded.errors);
      opts.log('odw: watching for changes; the pipeline is invalid, nothing was run');
      return;
    }
    const pipeline = loaded.pipeline;
    setWatched([...pipeline.sources, ...opts.inputFiles(pipeline)]);
    const controller = new AbortController();
    const done = opts.runOnce(pipeline, controller.signal).then(
      () => opts.signal.aborted || controller.signal.aborted || opts.log(`odw: watching ${watched.size} files for changes (Ctrl-C to stop)`),
      (e) =>
        opts.log(
          e instanceof UserError
            ? `odw: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\nodw: watching for changes; nothing was run`
            : `odw: the run crashed: ${(e as Error).message}`,
        ),
    );
    inFlight = { controller, done };
    void done.finally(() => {
      if (inFlight?.done === done) inFlight = undefined;
    });
  };

  const schedule = (path: string) => {
    // The change is reported now: the poll must not report it a second time.
    if (seen.has(path)) seen.set(path, fingerprint(path));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      opts.log(`odw: ${path} changed${inFlight ? ' — cancelling the run in flight and starting again' : ' — running again'}`);
      queue = queue.then(cycle);
    }, debounceMs);
  };
  watcher.on('change', schedule).on('add', schedule).on('unlink', schedule);
  const poll = setInterval(() => {
    for (const [file, before] of seen) {
      const now = fingerprint(file);
      if (now !== before) schedule(file);
    }
  }, opts.pollMs ?? 1_000);
  poll.unref();

  queue = queue.then(cycle);
  await new Promise<void>((resolveStop) => {
    if (opts.signal.aborted) resolveStop();
    opts.signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  clearInterval(poll);
  if (timer) clearTimeout(timer);
  await queue;
  await cancelInFlight();
  await watcher.close();
}
