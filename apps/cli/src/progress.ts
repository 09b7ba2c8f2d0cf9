/**
 * Progress of long work, on stderr only: stdout carries the machine output. On a terminal a bar
 * redrawn in place (cli-progress: done/total, rate, ETA); otherwise plain lines (one at the
 * start, at most one a second, one at the end), which read well in logs and CI; or, for
 * machines (`json`), one JSON object a line.
 */
import { Presets, SingleBar } from 'cli-progress';

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
  /** JSON lines instead of text: {label, done, total, rate, etaSeconds, elapsedSeconds, final}. */
  json?: boolean;
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
  const tty = Boolean(stream.isTTY) && !options.plain && !options.json;
  if (tty && options.total !== undefined && options.unit) return countedBar(options, stream);
  const started = Date.now();
  let done = 0;
  let total = options.total;
  let lastDraw = 0;
  let frame = 0;
  let ended = false;

  const status = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const eta =
      total !== undefined && rate > 0 ? Math.ceil(Math.max(0, total - done) / rate) : null;
    // Work without a known total shows its count only once there is one.
    const count =
      options.unit && (total !== undefined || done > 0)
        ? total !== undefined
          ? `${done}/${total} ${options.unit} (${percent(done, total)}%, ${rate}/s${eta !== null && done < total ? `, eta ${eta}s` : ''})`
          : `${done} ${options.unit} (${rate}/s)`
        : '';
    return { seconds, rate, count, eta };
  };
  const line = (final: boolean) => {
    const { seconds, count, rate, eta } = status();
    if (options.json) {
      stream.write(
        `${JSON.stringify({
          label: options.label,
          done,
          total: total ?? null,
          unit: options.unit ?? null,
          rate,
          etaSeconds: final ? 0 : eta,
          elapsedSeconds: Math.round(seconds * 10) / 10,
          final,
        })}\n`,
      );
      return;
    }
    const time = final ? `done in ${seconds.toFixed(1)}s` : `${seconds.toFixed(0)}s`;
    stream.write(`${options.label}: ${count ? `${count}, ` : ''}${final ? time : `${time}…`}\n`);
  };
  const spinner = (final: boolean) => {
    const { seconds, count } = status();
    const columns = stream.columns || 80;
    const mark = final ? 'done in' : SPINNER[frame++ % SPINNER.length];
    const text = `${options.label} ${mark} ${count ? `${count}  ` : ''}${seconds.toFixed(1)}s`;
    // \r and erase-line: redraw in place; cut to the width so that the line never wraps.
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
  };

  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 100 : (options.lineIntervalMs ?? 1000))) return;
    lastDraw = now;
    if (tty) spinner(false);
    else line(false);
  };
  // A terminal's spinner keeps moving while the work gives no updates.
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
        spinner(true);
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

/** Counted work on a terminal: cli-progress's bar with done/total, rate and ETA. */
function countedBar(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const started = Date.now();
  const rate = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  };
  const bar = new SingleBar(
    {
      stream,
      format: `${options.label} [{bar}] {percentage}%  {value}/{total} ${options.unit}  {rate}/s  {when}`,
      barsize: 30,
      fps: 10,
      etaBuffer: 100,
      hideCursor: false,
      clearOnComplete: false,
      linewrap: false,
      forceRedraw: true,
    },
    Presets.legacy,
  );
  let done = 0;
  let ended = false;
  bar.start(options.total!, 0, { rate: 0, when: '' });
  const payload = (final: boolean) => ({
    rate: rate(done),
    when: final
      ? `done in ${((Date.now() - started) / 1000).toFixed(1)}s`
      : `eta ${bar.getTotal() > done && rate(done) > 0 ? Math.ceil((bar.getTotal() - done) / rate(done)) : 0}s`,
  });
  return {
    update(value) {
      if (ended) return;
      done = value;
      if (done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, payload(false));
    },
    finish(value) {
      if (ended) return;
      ended = true;
      if (value !== undefined) done = value;
      if (done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, payload(true));
      bar.stop();
    },
    abort() {
      if (ended) return;
      ended = true;
      bar.stop();
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
