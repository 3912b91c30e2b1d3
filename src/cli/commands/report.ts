/** `odw report [id|latest] [--open]`: (re)writes a run's HTML report and prints its path. */
import { existsSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';

interface Flags {
  repo?: string;
  open?: boolean;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description("write a run's HTML report (.odw/runs/<id>/report.html) and print its path")
    .argument('[id]', 'run id, or latest', 'latest')
    .option('--repo <dir>', 'repository whose runs to read (default: the git work tree around the current directory)')
    .option('--open', 'open the report in the default browser')
    .action(async (id: string, flags: Flags) => report(ctx, id, flags));
}

async function report(ctx: CommandContext, id: string, flags: Flags): Promise<void> {
  const { io } = ctx;
  const { writeReport } = await import('../../report/write.js');
  const path = await writeReport(findRepo(io.cwd, flags.repo), id);
  const shown = relative(io.cwd, path);
  io.out(shown.startsWith('..') ? path : shown);
  if (!flags.open) return;
  const opener = openerCommand(io);
  if (!opener) {
    io.err('odw: no xdg-open or open command here; open the file above in a browser (it works offline)');
    return;
  }
  // Loaded here: every other command starts without execa.
  const { execa } = await import('execa');
  // Left running in its own process group: the browser outlives odw.
  const child = execa(opener, [path], { detached: true, stdio: 'ignore', cleanup: false, reject: false, verbose: 'none' });
  child.unref();
  void child.then(
    (r) => r.failed && r.exitCode === undefined && r.signal === undefined && io.err(`odw: ${opener} could not start; open the file above in a browser`),
  );
}

/** `open` on macOS, `xdg-open` elsewhere, when it is on PATH. */
function openerCommand(io: CliIO): string | undefined {
  const name = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const dirs = (io.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.some((d) => existsSync(join(d, name))) ? name : undefined;
}
