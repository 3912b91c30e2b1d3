/** Every odw command, registered in one place. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

type Register = (program: Command, ctx: CommandContext) => void;

const commands: Register[] = [];

export function registerCommands(program: Command, ctx: CommandContext): void {
  for (const register of commands) register(program, ctx);
}
