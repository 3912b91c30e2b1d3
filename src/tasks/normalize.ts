/** Tasks from a tasks file or a planner's answer, normalised into Task objects. */
import type { Task } from './types.js';

export interface TaskProblem {
  category: string;
  message: string;
  details?: unknown;
}

export interface Normalized {
  tasks: Task[];
  /** Changes made on the way, e.g. a runtime that is not a profile of the pipeline was dropped. */
  notes: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

/**
 * `source: 'planner'` is lenient where a model is sloppy (missing ids get `task-N`, unknown
 * runtimes are dropped); `source: 'file'` treats an unknown runtime as the user's mistake.
 */
export function normalizeTasks(raw: unknown, profiles: string[], source: 'planner' | 'file'): Normalized | TaskProblem {
  const list = Array.isArray(raw) ? raw : (raw as { tasks?: unknown })?.tasks;
  if (!Array.isArray(list)) {
    return { category: 'invalid_tasks', message: 'expected a list of tasks, or an object with a tasks list' };
  }
  const notes: string[] = [];
  const tasks: Task[] = [];
  for (const [i, item] of list.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { category: 'invalid_tasks', message: `task ${i + 1} is not an object`, details: { index: i } };
    }
    const t = item as Record<string, unknown>;
    const id = str(t.id) || (source === 'planner' ? `task-${i + 1}` : '');
    const files = Array.isArray(t.files) ? t.files.map((f) => String(f)) : typeof t.file === 'string' ? [t.file] : [];
    const task: Task = { id, files, prompt: typeof t.prompt === 'string' ? t.prompt.trim() : (t.prompt as string) };
    if (str(t.title)) task.title = str(t.title);
    if (str(t.verify)) task.verify = str(t.verify);
    const runtime = str(t.runtime);
    if (runtime && profiles.includes(runtime)) task.runtime = runtime;
    else if (runtime && source === 'planner') notes.push(`task ${id}: runtime "${runtime}" is not a profile of this pipeline; using the stage's runtime`);
    else if (runtime) {
      return {
        category: 'invalid_task_runtime',
        message: `task ${id}: runtime "${runtime}" is not a profile of this pipeline (profiles: ${profiles.join(', ')})`,
        details: { index: i, id, runtime, profiles },
      };
    }
    tasks.push(task);
  }
  return { tasks, notes };
}

export function isProblem(v: Normalized | TaskProblem): v is TaskProblem {
  return 'category' in v;
}
