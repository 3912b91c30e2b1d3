/** The odw command line: builds the commander program, runs one command, returns its exit code. */
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeFor } from './exit.js';
import { UserError } from '../util/errors.js';
import { processIO, type CliIO } from './io.js';
import { quietOnClosedPipes } from './pipes.js';
import { registerCommands } from './commands/index.js';

export interface CommandContext {
  io: CliIO;
  /** Commands report their result here instead of exiting. */
  setExit(code: number): void;
}

/** Runs one command. Without an `io` (the binary), on the process's streams, quiet when a reader closes them early. */
export async function main(argv: string[], io: CliIO = quietOnClosedPipes(processIO())): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = { io, setExit: (code) => (exitCode = code) };
  const program = new Command('odw')
    .description('Declarative pipelines for AI coding work: plan, parallel agents in git worktrees, review, repair, apply, verify.')
    .version(await version(), '-V, --version', 'print the odw version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerCommands(program, ctx);
  for (const cmd of program.commands) applyCommon(cmd);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    return handleError(error, io);
  }
  return exitCode;
}

function applyCommon(cmd: Command): void {
  cmd.exitOverride().helpOption('-h, --help', 'show help for this command');
  for (const sub of cmd.commands) applyCommon(sub);
}

function handleError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // help and version are successful exits; commander already printed its message.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UserError) {
    io.err(`odw: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
    return exitCodeFor(error);
  }
  const e = error as Error;
  io.err(`odw: internal error: ${e?.message ?? String(error)}`);
  if (io.env.ODW_DEBUG) io.err(String(e?.stack ?? ''));
  else io.err('  Set ODW_DEBUG=1 for a stack trace, and please report this.');
  return EXIT.failed;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  return pkg.version as string;
}
