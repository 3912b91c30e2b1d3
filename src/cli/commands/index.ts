/** Every odw command, registered in one place. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { register as run } from './run.js';
import { register as graph } from './graph.js';
import { register as runs } from './runs.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';
import { register as doctor } from './doctor.js';
import { register as init } from './init.js';
import { register as resume } from './resume.js';
import { register as report } from './report.js';
import { register as worker } from './worker.js';

type Register = (program: Command, ctx: CommandContext) => void;

const commands: Register[] = [run, resume, graph, runs, report, validate, schema, doctor, init, worker];

export function registerCommands(program: Command, ctx: CommandContext): void {
  for (const register of commands) register(program, ctx);
}
