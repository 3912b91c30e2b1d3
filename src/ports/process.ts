/**
 * The way odw code starts a child process. Implemented in src/adapters/process.ts. Two one-off
 * children start on execa directly: the synchronous bubblewrap probe (src/agents/sandbox-host.ts)
 * and the browser that `odw report --open` leaves running (src/cli/commands/report.ts).
 */

export interface ProcessSpec {
  /** Executable (or a shell command line when `shell` is true). */
  command: string;
  args?: string[];
  cwd: string;
  /** Extra environment merged over the parent environment. */
  env?: Record<string, string>;
  /** Names removed from the inherited environment (before `env` is merged). */
  clearEnv?: string[];
  /** Text or bytes written to stdin, then stdin is closed. Without it stdin is /dev/null. */
  input?: string | Uint8Array;
  /** Run `command` through `/bin/sh -c`. */
  shell?: boolean;
  /** Kill the whole process group after this many milliseconds. */
  timeoutMs?: number;
  /** Aborting kills the whole process group. */
  signal?: AbortSignal;
  /** Stream stdout/stderr to these files (appended) instead of only keeping tails in memory. */
  stdoutFile?: string;
  stderrFile?: string;
  /** Called once the process has started, with its pid (also its process group id). */
  onSpawn?: (pid: number) => void;
  /**
   * Called for every complete stdout line, as it arrives (without its \n or \r\n). A line over
   * 8 MiB is delivered cut, with a marker saying so; `stdoutFile` still gets every byte.
   */
  onStdoutLine?: (line: string) => void;
  /** Called for every complete stderr line, as it arrives. */
  onStderrLine?: (line: string) => void;
  /**
   * Kill, when the call ends (normally, on timeout, on cancel), every process it started that is
   * still there, even outside its process group (a `setsid` daemon): the child gets a unique
   * ODW_PROCESS_TOKEN, and processes of odw's user that carry it, or (with `cwd`) that started
   * during the call and work inside `cwd`, are killed with SIGKILL. Linux only (/proc); elsewhere
   * only the process group is killed. Off by default: odw's own git commands pay nothing.
   */
  reap?: {
    /** A workspace folder odw created for this call (task or review workspace). */
    cwd?: string;
    /**
     * odw's record folder for the call. When it lies inside `cwd`, `cwd` is the user's own
     * repository and is not used (processes the user starts there are not the call's).
     */
    record?: string;
  };
  /**
   * Start the child with node's spawn rather than execa: for short commands odw runs by the
   * hundred (its git calls), whose cost to odw execa would about double (docs/performance.md).
   * Same process group, timeout, cancellation, output and reaping.
   */
  direct?: boolean;
  /** How many characters of each stream to keep in memory (default 64 KiB). */
  tailChars?: number;
}

export interface ProcessResult {
  exitCode: number | null;
  /** Signal that ended the process, if any. */
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Last `tailChars` characters of stdout / stderr. */
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Set when the process could not be started at all (ENOENT, EACCES …). */
  spawnError?: string;
}

export interface ProcessRunner {
  run(spec: ProcessSpec): Promise<ProcessResult>;
}
