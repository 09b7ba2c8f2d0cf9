// What a chart draws, as plain data (pure: unit-tested without a browser). components/chart.tsx
// hands it to uPlot: the axes, scales, zoom and lines are uPlot's; the marks are drawn here.

/** A point drawn on its own (a stance): x in ms since the epoch, y a value or category row. */
export interface ChartMark {
  x: number;
  y: number;
  colour: string;
  shape: 'circle' | 'diamond' | 'ring';
}

/** A series joined by a line (a counterpart's mean score per period), gaps where null. */
export interface ChartLine {
  label: string;
  colour: string;
  points: Array<[x: number, y: number]>;
}

export interface ChartSpec {
  /** The y axis: category rows (0 at the bottom) or a fixed value range. */
  y: { categories: string[] } | { min: number; max: number; name: string };
  marks: ChartMark[];
  lines: ChartLine[];
  /** Tooltip lines for what the pointer is on. */
  describe: (hit: ChartHit) => string[];
}

/** What a pointer is on: a mark (by index) or a line's point (line index, point index). */
export type ChartHit = { mark: number } | { line: number; point: number };

const DAY = 86_400_000;

/**
 * uPlot's aligned data: the x values of every mark and line point (ascending, distinct), then
 * each line's y at those x (null where it has none). A chart of marks only gets one empty
 * series, so that its scales exist.
 */
export function alignedData(spec: ChartSpec): [number[], ...(number | null)[][]] {
  const all = new Set<number>();
  for (const m of spec.marks) all.add(m.x);
  for (const line of spec.lines) for (const [x] of line.points) all.add(x);
  const xs = [...all].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const series = spec.lines.map((line) => {
    const values: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [x, y] of line.points) values[at.get(x)!] = y;
    return values;
  });
  if (series.length === 0) series.push(new Array<number | null>(xs.length).fill(null));
  return [xs, ...series];
}

/** The x range shown: the data's, widened by 3 % or 15 days on each side (a lone day too). */
export function paddedRange(min: number, max: number): [number, number] {
  const pad = Math.max(15 * DAY, (max - min) * 0.03);
  return [min - pad, max + pad];
}

/** The candidate nearest to (left, top) within `radius` pixels, or null. */
export function nearest<T>(
  candidates: Iterable<{ hit: T; left: number; top: number }>,
  left: number,
  top: number,
  radius: number,
): T | null {
  let best: T | null = null;
  let bestDistance = radius * radius;
  for (const c of candidates) {
    const distance = (c.left - left) ** 2 + (c.top - top) ** 2;
    if (distance <= bestDistance) {
      best = c.hit;
      bestDistance = distance;
    }
  }
  return best;
}

/** A label cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
