/**
 * The live view of `odw run` on a terminal, drawn by listr2's default renderer. listr2 only draws
 * here: no task list is run by Listr. The rows are built from the compiled plan before the run
 * starts (one per stage, loop members under their loop, one per agent call under its stage) and
 * every run event updates their titles and states (src/cli/render/live-model.ts holds the data).
 * The view ends at `run_finished`, so the lines `odw run` prints afterwards follow the final frame.
 */
import { DefaultRenderer, Listr, ListrDefaultRendererLogLevels, ListrLogger, ListrTaskState, ProcessOutput, Spinner, color, figures } from 'listr2';
import type { ExecutionPlan } from '../../plan/types.js';
import type { EventSink, RunEvent } from '../../ports/events.js';
import { LiveModel, type AgentRow, type Row, type RowStatus, type StageRow } from './live-model.js';
import { agentTitle, loopTitle, runTitle, stageTitle, type Paint } from './live-text.js';

/** Lists drawn by the default renderer (the type parameters are only for the compiler). */
type DrawnList = Listr<unknown, 'default', 'default'>;
type Task = DrawnList['tasks'][number];

export interface LiveOptions {
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  now?: () => number;
}

const STATE: Record<RowStatus | AgentRow['state'], ListrTaskState> = {
  waiting: ListrTaskState.WAITING,
  running: ListrTaskState.STARTED,
  starting: ListrTaskState.STARTED,
  asking: ListrTaskState.STARTED,
  succeeded: ListrTaskState.COMPLETED,
  done: ListrTaskState.COMPLETED,
  failed: ListrTaskState.FAILED,
  cancelled: ListrTaskState.FAILED,
  skipped: ListrTaskState.SKIPPED,
};

const paint: Paint = { dim: color.dim, yellow: color.yellow, red: color.red, green: color.green };

/** Calls `beforeFrame` on every tick (elapsed times move) and never keeps the process alive. */
class Ticker extends Spinner {
  private timer?: NodeJS.Timeout;
  constructor(private readonly beforeFrame: () => void) {
    super();
  }
  override start(cb?: () => void, interval = 100): void {
    this.timer = setInterval(() => {
      this.spin();
      this.beforeFrame();
      cb?.();
    }, interval);
    this.timer.unref();
  }
  override stop(): void {
    clearInterval(this.timer);
  }
  override isRunning(): boolean {
    return Boolean(this.timer);
  }
}

export class LiveView implements EventSink {
  private readonly model: LiveModel;
  private readonly root: DrawnList;
  private readonly header: Task;
  private readonly tasks = new Map<object, Task>();
  private readonly sublists = new Map<Task, DrawnList>();
  private readonly renderer: DefaultRenderer;
  private readonly now: () => number;
  private started = false;
  private ended = false;
  private readonly onExit = () => this.end();

  constructor(plan: ExecutionPlan, opts: LiveOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.model = new LiveModel(plan);
    this.root = list(undefined, false);
    this.header = add(this.root, runTitle(this.model.view, this.now(), paint));
    this.sync();
    const logger = new ListrLogger({ processOutput: new ProcessOutput(opts.stdout, opts.stderr) });
    this.renderer = new DefaultRenderer(
      this.root.tasks,
      {
        collapseSubtasks: true,
        formatOutput: 'truncate',
        icon: { [ListrDefaultRendererLogLevels.FAILED_WITH_FAILED_SUBTASKS]: figures.cross },
        spinner: new Ticker(() => this.sync()),
        logger,
      },
      this.root.events,
    );
  }

  async start(): Promise<void> {
    if (this.started || this.ended) return;
    this.started = true;
    await this.renderer.render();
    process.once('exit', this.onExit);
  }

  emit(event: RunEvent): void {
    if (this.ended) return;
    this.model.apply(event);
    this.sync();
    if (this.started) this.renderer.update();
    if (event.type === 'run_finished') this.end();
  }

  /** Draws the final frame and gives the terminal back (also when the process exits early). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    process.off('exit', this.onExit);
    if (!this.started) return;
    this.sync();
    // Whether a finished row keeps its subtasks on screen depends on what was drawn before.
    this.renderer.create();
    this.renderer.end();
  }

  /** Brings every row's task in line with the model. */
  private sync(): void {
    const now = this.now();
    const view = this.model.view;
    set(
      this.header,
      runTitle(view, now, paint),
      view.status === 'succeeded' ? 'succeeded' : view.status === 'failed' || view.status === 'cancelled' ? 'failed' : 'running',
    );
    for (const row of view.rows) this.syncRow(this.root, row, now);
  }

  private syncRow(parent: DrawnList, row: Row, now: number): void {
    const task = this.task(row, parent);
    if (row.type === 'loop') {
      set(task, loopTitle(row, now, paint), row.status);
      // a finished loop keeps its rounds on screen: they tell how the run went
      const rounds = this.sublist(task, true);
      for (const member of row.rows) this.syncRow(rounds, member, now);
      return;
    }
    set(task, stageTitle(row, now, paint), row.status);
    if (row.agents.length) this.syncAgents(task, row);
  }

  private syncAgents(task: Task, row: StageRow): void {
    const agents = this.sublist(task, false);
    for (const agent of row.agents) set(this.task(agent, agents), agentTitle(agent, this.now(), paint), agent.state);
  }

  private task(row: object, parent: DrawnList): Task {
    let task = this.tasks.get(row);
    if (!task) {
      task = add(parent, '');
      this.tasks.set(row, task);
    }
    return task;
  }

  private sublist(task: Task, keepShown: boolean): DrawnList {
    let sub = this.sublists.get(task);
    if (!sub) {
      sub = list(task, keepShown);
      task.subtasks = sub.tasks;
      this.sublists.set(task, sub);
    }
    return sub;
  }
}

/**
 * A task list that is only drawn: no signal handlers, no renderer of its own. `keepShown`: its
 * tasks stay on screen under a finished parent (loop rounds); otherwise they fold away when the
 * parent succeeds (a finished stage's agents), unless one failed.
 */
function list(parent: Task | undefined, keepShown: boolean): DrawnList {
  const options = { renderer: 'silent' as const, registerSignalListeners: false, exitOnError: false, rendererOptions: { collapseSubtasks: !keepShown } };
  return new Listr([], options as never, parent as never) as DrawnList;
}

function add(parent: DrawnList, title: string): Task {
  parent.add({ title, task: () => undefined });
  const task = parent.tasks[parent.tasks.length - 1];
  // Listr enables a task when it runs it; these are never run, only drawn.
  (task as unknown as { enabled: boolean }).enabled = true;
  return task;
}

function set(task: Task, title: string, status: RowStatus | AgentRow['state']): void {
  task.title = title;
  task.state = STATE[status];
  if (status === 'skipped') task.message = { ...task.message, skip: title };
}

/** Starts the live view of a run of `plan` (before the run, so its first frame is the plan). */
export async function startLiveView(plan: ExecutionPlan, opts: LiveOptions = {}): Promise<LiveView> {
  // A terminal that reports no width (a bare pseudo-terminal) is drawn 80 columns wide.
  const out = opts.stdout ?? process.stdout;
  if (!out.columns) out.columns = 80;
  const view = new LiveView(plan, opts);
  await view.start();
  return view;
}
