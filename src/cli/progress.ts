/**
 * A progress line on stderr for long runs: only when stderr is a terminal (a CI log or a pipe gets
 * nothing), only once the run has taken `afterMs`, rewritten in place and erased at the end.
 */

/** What the progress line needs; the process's values by default, injected in tests. */
export interface ProgressIo {
  readonly isTTY: boolean;
  readonly now: () => number;
  readonly stderr: (s: string) => void;
}

export interface Progress {
  /** About to run item `done + 1` of `total`, named `label`. */
  step(done: number, total: number, label: string): void;
  /** Erases the line if one was written. */
  end(): void;
}

/** Erase the line: carriage return, then ANSI "erase in line". */
const CLEAR = "\r\u001b[2K";

export function progress(io: ProgressIo, afterMs = 1000): Progress {
  const start = io.now();
  let shown = false;
  return {
    step(done, total, label) {
      if (!io.isTTY || io.now() - start < afterMs) return;
      io.stderr(`${CLEAR}meshsim: ${done}/${total} done, running ${label}`);
      shown = true;
    },
    end() {
      if (shown) io.stderr(CLEAR);
      shown = false;
    },
  };
}
