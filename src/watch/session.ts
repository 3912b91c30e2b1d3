/**
 * Watch mode: run a pipeline, and rerun it whenever a file it reads changes — the pipeline file,
 * the files it extends, its templates, its file inputs. Bursts of saves are debounced into one
 * rerun; a run in flight is cancelled (and finishes cancelling) before the next one starts; an
 * edit that makes the pipeline invalid prints its errors and keeps watching without running.
 */
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
}

export async function watchPipeline(opts: WatchOptions): Promise<void> {
  const debounceMs = opts.debounceMs ?? 300;
  const watcher: FSWatcher = watch([], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
  let watched = new Set<string>();
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
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      opts.log(`odw: ${path} changed${inFlight ? ' — cancelling the run in flight and starting again' : ' — running again'}`);
      queue = queue.then(cycle);
    }, debounceMs);
  };
  watcher.on('change', schedule).on('add', schedule).on('unlink', schedule);

  queue = queue.then(cycle);
  await new Promise<void>((resolveStop) => {
    if (opts.signal.aborted) resolveStop();
    opts.signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  if (timer) clearTimeout(timer);
  await queue;
  await cancelInFlight();
  await watcher.close();
}
