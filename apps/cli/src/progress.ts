/**
 * Progress of long work, on stderr only: stdout carries the machine output. On a terminal a bar
 * redrawn in place; otherwise plain lines (one at the start, at most one a second, one at the
 * end), which read well in logs and CI.
 */
export interface Progress {
  /** Work done so far (events, for instance); ignored when the task has no count. */
  update(done: number): void;
  /** The work finished: draws the final state and ends the line. */
  finish(done?: number): void;
  /** The work failed: ends the bar's line so that the error starts on its own. */
  abort(): void;
}

export interface ProgressOptions {
  /** What is going on: "rebuilding", "verifying". */
  label: string;
  /** Expected amount of work; without it, a count (or only the time) is shown. */
  total?: number;
  /** What is counted ("events"); without it, only the elapsed time is shown. */
  unit?: string;
  /** No progress at all (--quiet). */
  quiet?: boolean;
  /** Plain lines even on a terminal, e.g. when stdout is the same terminal and would tear the bar. */
  plain?: boolean;
  stream?: NodeJS.WriteStream;
  /** Milliseconds between plain lines. */
  lineIntervalMs?: number;
}

const SILENT: Progress = {
  update: () => undefined,
  finish: () => undefined,
  abort: () => undefined,
};
const SPINNER = ['|', '/', '-', '\\'];

export function startProgress(options: ProgressOptions): Progress {
  if (options.quiet) return SILENT;
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY) && !options.plain;
  const started = Date.now();
  let done = 0;
  let total = options.total;
  let lastDraw = 0;
  let frame = 0;
  let ended = false;

  const status = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    // Work without a known total shows its count only once there is one.
    const count =
      options.unit && (total !== undefined || done > 0)
        ? total !== undefined
          ? `${done}/${total} ${options.unit} (${percent(done, total)}%, ${rate}/s)`
          : `${done} ${options.unit} (${rate}/s)`
        : '';
    return { seconds, rate, count };
  };
  const line = (final: boolean) => {
    const { seconds, count } = status();
    const time = final ? `done in ${seconds.toFixed(1)}s` : `${seconds.toFixed(0)}s`;
    stream.write(`${options.label}: ${count ? `${count}, ` : ''}${final ? time : `${time}…`}\n`);
  };
  const bar = (final: boolean) => {
    const { seconds, rate, count } = status();
    const columns = stream.columns || 80;
    let text: string;
    if (total !== undefined && options.unit) {
      const eta = final
        ? `  done in ${seconds.toFixed(1)}s`
        : rate > 0
          ? `  eta ${Math.ceil((total - done) / rate)}s`
          : '';
      const tail = ` ${String(percent(done, total)).padStart(3)}%  ${done}/${total} ${options.unit}  ${rate}/s${eta}`;
      // Room for the longest tail ("done in …" is longer than "eta …"), so the bar keeps its width.
      const reserve = tail.length - eta.length + 18;
      const width = Math.max(10, Math.min(30, columns - options.label.length - reserve - 4));
      const filled = Math.round((width * Math.min(done, total)) / Math.max(total, 1));
      text = `${options.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`;
    } else {
      const mark = final ? 'done in' : SPINNER[frame++ % SPINNER.length];
      text = `${options.label} ${mark} ${count ? `${count}  ` : ''}${seconds.toFixed(1)}s`;
    }
    // \r and erase-line: redraw in place; cut to the width so that the line never wraps.
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
  };

  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 100 : (options.lineIntervalMs ?? 1000))) return;
    lastDraw = now;
    if (tty) bar(false);
    else line(false);
  };
  // A terminal's bar keeps moving (time, spinner) while the work gives no updates.
  const timer = tty ? setInterval(() => draw(true), 250) : undefined;
  timer?.unref();
  draw(true);

  const end = () => {
    ended = true;
    if (timer) clearInterval(timer);
  };
  return {
    update(value) {
      if (ended) return;
      done = value;
      if (total !== undefined && done > total) total = done;
      draw(false);
    },
    finish(value) {
      if (ended) return;
      if (value !== undefined) done = value;
      if (total !== undefined) total = Math.max(total, done);
      end();
      if (tty) {
        bar(true);
        stream.write('\n');
      } else line(true);
    },
    abort() {
      if (ended) return;
      end();
      if (tty) stream.write('\n');
    },
  };
}

/** Runs work with a progress display that is finished on success and aborted on failure. */
export async function withProgress<T>(
  options: ProgressOptions,
  work: (progress: Progress) => Promise<T>,
  count?: (result: T) => number,
): Promise<T> {
  const progress = startProgress(options);
  try {
    const result = await work(progress);
    progress.finish(count?.(result));
    return result;
  } catch (error) {
    progress.abort();
    throw error;
  }
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;
}
