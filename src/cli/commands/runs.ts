/** `odw runs list` and `odw runs show`: read the run records of a repository. */
import type { Command } from 'commander';
import { newestRuns, readCalls, readEvents, readRun, shownStatus } from '../../record/read.js';
import { listLine, showText } from '../../record/views.js';
import { runsDir } from '../../record/paths.js';
import { printJson } from '../io.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';

interface Flags {
  repo?: string;
  json?: boolean;
  limit?: string;
  tail?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  const runs = program.command('runs').description('list and inspect recorded runs');
  runs
    .command('list')
    .description('list runs, newest first: id, status, duration, pipeline, outcome')
    .option('--repo <dir>', 'repository whose runs to list (default: the git work tree around the current directory)')
    .option('-n, --limit <n>', 'show at most n runs (default 20; 0 for all)', '20')
    .option('--json', 'print the runs as JSON')
    .action((flags: Flags) => list(ctx, flags));
  runs
    .command('show')
    .description('show one run: status, failure, workflow history, agent calls, last events')
    .argument('[id]', 'run id, or latest', 'latest')
    .option('--repo <dir>', 'repository whose runs to read')
    .option('--tail <n>', 'how many recent events to show', '10')
    .option('--json', 'print the whole record as JSON')
    .action((id: string, flags: Flags) => show(ctx, id, flags));
}

function list(ctx: CommandContext, flags: Flags): void {
  const repo = findRepo(ctx.io.cwd, flags.repo);
  const limit = Number(flags.limit ?? 20);
  const { runs, older } = newestRuns(repo, limit > 0 ? limit : Infinity);
  if (flags.json) {
    printJson(ctx.io, { runsDir: runsDir(repo), runs: runs.map((s) => ({ ...s, status: shownStatus(s) })) });
    return;
  }
  if (!runs.length) {
    ctx.io.out(`No runs in ${runsDir(repo)} yet. Start one with: odw run <pipeline>`);
    return;
  }
  for (const s of runs) ctx.io.out(listLine(s, shownStatus(s)));
  if (older) ctx.io.out(`… ${older} older (use --limit 0 to show all)`);
}

function show(ctx: CommandContext, id: string, flags: Flags): void {
  const repo = findRepo(ctx.io.cwd, flags.repo);
  const record = readRun(repo, id);
  const status = shownStatus(record);
  const calls = readCalls(repo, record.id);
  if (flags.json) {
    printJson(ctx.io, { ...record, status, calls, events: readEvents(repo, record.id, Number(flags.tail ?? 10)) });
    return;
  }
  ctx.io.out(showText(record, status, calls, readEvents(repo, record.id, Number(flags.tail ?? 10))));
}
