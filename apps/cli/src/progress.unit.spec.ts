import { startProgress } from './progress';
import { suggestion } from './program';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 100, write: (text: string) => writes.push(text) > 0 };
  return { writes, stream: stream as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('draws a bar in place on a terminal (done/total, rate, ETA) and ends its line', () => {
    const { writes, stream } = fakeStream(true);
    const progress = startProgress({ label: 'rebuilding', unit: 'events', total: 200, stream });
    progress.update(100);
    progress.finish(200);
    // cli-progress: to the line's start, the bar, erase the rest of the line; one frame a draw.
    const frames = writes.filter((w) => w.startsWith('rebuilding'));
    expect(frames[0]).toMatch(/^rebuilding \[-+\] 0% {2}0\/200 events {2}0\/s/);
    expect(frames[frames.length - 1]).toMatch(
      /^rebuilding \[=+\] 100% {2}200\/200 events .*done in/,
    );
    expect(writes).toContain('\u001b[1G');
    expect(writes[writes.length - 1]).toBe('\n');
    expect(frames.every((w) => w.length <= 100)).toBe(true);
    const count = writes.length;
    progress.update(300);
    expect(writes).toHaveLength(count);
  });

  it('writes JSON lines for machines, with the ETA', () => {
    const { writes, stream } = fakeStream(true);
    const progress = startProgress({
      label: 'replaying',
      unit: 'events',
      total: 10,
      stream,
      json: true,
      lineIntervalMs: 0,
    });
    progress.update(5);
    progress.finish(10);
    const lines = writes.map((w) => JSON.parse(w));
    expect(lines[0]).toMatchObject({ label: 'replaying', done: 0, total: 10, final: false });
    expect(lines.at(-1)).toMatchObject({ done: 10, total: 10, etaSeconds: 0, final: true });
    expect(writes.every((w) => w.endsWith('\n'))).toBe(true);
  });

  it('writes plain lines when stderr is not a terminal, or when asked to', () => {
    for (const [tty, plain] of [
      [false, false],
      [true, true],
    ]) {
      const { writes, stream } = fakeStream(tty);
      const progress = startProgress({ label: 'feed', unit: 'events', total: 4, stream, plain });
      progress.finish(4);
      expect(writes).toEqual([
        'feed: 0/4 events (0%, 0/s), 0s…\n',
        expect.stringMatching(/^feed: 4\/4 events \(100%, \d+\/s\), done in \d+\.\ds\n$/),
      ]);
    }
  });

  it('shows time only until a count without total arrives', () => {
    const { writes, stream } = fakeStream(false);
    startProgress({ label: 'verifying', unit: 'events', stream }).finish(6);
    expect(writes[0]).toBe('verifying: 0s…\n');
    expect(writes[1]).toMatch(/^verifying: 6 events \(\d+\/s\), done in/);
  });

  it('writes nothing when quiet, and ends a bar on failure', () => {
    const quiet = fakeStream(true);
    const silent = startProgress({ label: 'x', quiet: true, stream: quiet.stream });
    silent.update(1);
    silent.finish();
    expect(quiet.writes).toEqual([]);
    const failing = fakeStream(true);
    startProgress({ label: 'sealing', stream: failing.stream }).abort();
    expect(failing.writes[failing.writes.length - 1]).toBe('\n');
  });
});

describe('suggestion', () => {
  it('offers the closest name, as commander words it, and nothing for a stranger', () => {
    expect(suggestion('verfy', ['verify', 'seal', 'seed'])).toBe(' (Did you mean verify?)');
    expect(suggestion('--jsn', ['--json', '--quiet'])).toBe(' (Did you mean --json?)');
    expect(suggestion('sed', ['seal', 'seed'])).toBe(' (Did you mean seed?)');
    expect(suggestion('bogus', ['verify', 'seal'])).toBe('');
  });
});
