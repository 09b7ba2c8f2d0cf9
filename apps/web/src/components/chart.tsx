import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  alignedData,
  ChartHit,
  ChartMark,
  ChartSpec,
  nearest,
  paddedRange,
  truncate,
} from './chart-model';

export type { ChartHit, ChartLine, ChartMark, ChartSpec } from './chart-model';

/** How close (CSS pixels) the pointer must be to a point to hover or click it. */
const HIT_RADIUS = 10;
const MARK_SIZE = 11;
const LINE_POINT_SIZE = 7;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** On the chart's element as `chart`, for tests and power users. */
export interface ChartProbe {
  uplot: uPlot | null;
  spec: ChartSpec | null;
  /** Where a mark or line point is drawn, in client (viewport) pixels; null if not shown. */
  pixelOf(hit: ChartHit): { x: number; y: number } | null;
}

/**
 * A time chart drawn by uPlot on a canvas: the x axis is dates (UTC), y a value range or
 * category rows; lines come with a legend, marks (points with a colour and shape) are drawn
 * over them. Hover shows what a point is, a click picks it (`onPick`), dragging across
 * zooms and a double click zooms out. `label` names it for screen readers (its data is in a
 * table beside it); `onDrawn` fires once it has drawn its spec.
 */
export function Chart(props: {
  spec: ChartSpec | null;
  label: string;
  height?: number;
  testId?: string;
  onPick?: (hit: ChartHit) => void;
  onDrawn?: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const handlers = useRef(props);
  handlers.current = props;
  /** The x range the reader zoomed to: kept when live data redraws the chart. */
  const zoom = useRef<{ min: number; max: number } | null>(null);
  const height = props.height ?? 320;

  useLayoutEffect(() => {
    const element = box.current;
    const spec = props.spec;
    if (!element || !spec || (spec.marks.length === 0 && spec.lines.length === 0)) return;
    const name = props.testId ?? props.label;
    let made: { u: uPlot; stop: () => void } | null = null;
    // Made at the first size the observer reports (after the browser's own layout): reading
    // the width here would force a layout of the whole page in the middle of rendering it.
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (width <= 0) return;
      if (!made) made = create(element, spec, width, name);
      else if (width !== made.u.width) made.u.setSize({ width, height: made.u.height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      made?.stop();
      element.removeAttribute('data-drawn');
    };
  }, [props.spec, height]);

  /** The uPlot chart of `spec`, `width` wide, with its hover, pick and zoom handlers. */
  function create(element: HTMLDivElement, spec: ChartSpec, width: number, name: string) {
    performance.mark(`chart:${name}:start`);
    let drawn = false;
    const u = new uPlot(
      chartOptions(spec, width, height, {
        draw: (self) => {
          drawMarks(self, spec.marks);
          if (drawn) return;
          drawn = true;
          performance.mark(`chart:${name}:drawn`);
          element.setAttribute('data-drawn', 'true');
          handlers.current.onDrawn?.();
        },
        setCursor: (self) => showTip(self, spec, tip.current),
        setSelect: (self) => {
          if (self.select.width <= 0) return;
          zoom.current = {
            min: self.posToVal(self.select.left, 'x'),
            max: self.posToVal(self.select.left + self.select.width, 'x'),
          };
        },
      }),
      alignedData(spec),
      element,
    );
    if (zoom.current) u.setScale('x', zoom.current);
    const stopPicking = pickOnClick(u, spec, (hit) => handlers.current.onPick?.(hit));
    const unzoom = () => (zoom.current = null);
    u.over.addEventListener('dblclick', unzoom);
    const probe: ChartProbe = {
      uplot: u,
      spec,
      pixelOf: (hit) => {
        const at = pointOf(u, spec, hit);
        if (!at) return null;
        const over = u.over.getBoundingClientRect();
        return { x: over.left + at.left, y: over.top + at.top };
      },
    };
    (element as unknown as { chart: ChartProbe }).chart = probe;
    const stop = () => {
      stopPicking();
      u.over.removeEventListener('dblclick', unzoom);
      u.destroy();
    };
    return { u, stop };
  }

  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ minHeight: `${height}px` }}
    >
      <div ref={tip} class="chart-tip" hidden />
    </div>
  );
}

function chartOptions(
  spec: ChartSpec,
  width: number,
  height: number,
  hooks: {
    draw: (u: uPlot) => void;
    setCursor: (u: uPlot) => void;
    setSelect: (u: uPlot) => void;
  },
): uPlot.Options {
  const narrow = width < 600;
  const y = spec.y;
  const categories = 'categories' in y ? y.categories : null;
  const values = 'categories' in y ? null : y;
  const legend = spec.lines.length > 0;
  return {
    width: Math.max(width, 200),
    // The legend sits under the canvas: the whole chart keeps the height asked for.
    height: height - (legend ? 34 : 0),
    ms: 1,
    // Room on the right for the last date label, which is centred on its tick.
    padding: [12, 40, null, null],
    tzDate: (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
    legend: { show: legend, live: false },
    cursor: { drag: { x: true, y: false }, points: { show: false } },
    scales: {
      x: { time: true, range: (_u, min, max) => paddedRange(min, max) },
      y: values
        ? { range: [values.min, values.max] }
        : { range: [-0.5, (categories ?? []).length - 0.5] },
    },
    axes: [
      { font: FONT, stroke: '#344054', space: 80, values: isoDates },
      categories
        ? {
            font: FONT,
            stroke: '#344054',
            size: (self, values) => labelWidth(self, values, narrow ? 120 : 260),
            splits: () => categories.map((_, i) => i),
            values: (_u, splits) =>
              splits.map((i) => truncate(categories[i] ?? '', narrow ? 15 : 34)),
          }
        : { font: FONT, stroke: '#344054', label: values?.name },
    ],
    series: [
      {},
      ...(spec.lines.length > 0
        ? spec.lines.map((line) => ({
            label: line.label,
            stroke: line.colour,
            width: 2,
            spanGaps: false,
            points: { show: true, size: LINE_POINT_SIZE, fill: line.colour, stroke: line.colour },
          }))
        : [{ label: 'points', show: true, points: { show: false } }]),
    ],
    hooks: {
      draw: [hooks.draw],
      setCursor: [hooks.setCursor],
      setSelect: [hooks.setSelect],
    },
  };
}

const MONTH = 28 * 86_400_000;
/** Dates as ISO (UTC) at the ticks' grain: 2024, 2024-07 or 2024-07-11. */
function isoDates(_u: uPlot, splits: number[], _axis: number, _space: number, step: number) {
  const length = step >= 365 * 86_400_000 ? 4 : step >= MONTH ? 7 : 10;
  return splits.map((v) => new Date(v).toISOString().slice(0, length));
}

/** An axis wide enough for its longest label as drawn (no wider than `max` CSS pixels). */
function labelWidth(u: uPlot, values: string[] | null, max: number): number {
  const ctx = u.ctx;
  ctx.font = FONT;
  const widest = Math.max(0, ...(values ?? []).map((v) => ctx.measureText(v).width));
  return Math.min(max, Math.ceil(widest + 20));
}

/** The marks, batched by colour and shape, clipped to the plotting area. */
function drawMarks(u: uPlot, marks: ChartMark[]): void {
  if (marks.length === 0) return;
  const ratio = uPlot.pxRatio;
  const radius = (MARK_SIZE / 2) * ratio;
  const { left, top, width, height } = u.bbox;
  const groups = new Map<string, ChartMark[]>();
  for (const m of marks) {
    const key = `${m.shape}|${m.colour}`;
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const group of groups.values()) {
    const { shape, colour } = group[0];
    ctx.beginPath();
    for (const m of group) {
      const x = u.valToPos(m.x, 'x', true);
      const y = u.valToPos(m.y, 'y', true);
      if (x < left - radius || x > left + width + radius) continue;
      if (shape === 'diamond') {
        ctx.moveTo(x, y - radius * 1.2);
        ctx.lineTo(x + radius, y);
        ctx.lineTo(x, y + radius * 1.2);
        ctx.lineTo(x - radius, y);
        ctx.closePath();
      } else {
        ctx.moveTo(x + radius, y);
        ctx.arc(x, y, shape === 'ring' ? radius * 0.85 : radius, 0, 2 * Math.PI);
      }
    }
    if (shape === 'ring') {
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.setLineDash([3 * ratio, 2 * ratio]);
      ctx.lineWidth = 2 * ratio;
      ctx.strokeStyle = colour;
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = colour;
      ctx.globalAlpha = 0.85;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }
  ctx.restore();
}

/** Where a hit is, in CSS pixels from the plotting area's top left; null when not shown. */
function pointOf(u: uPlot, spec: ChartSpec, hit: ChartHit): { left: number; top: number } | null {
  let x: number | undefined;
  let y: number | undefined;
  if ('mark' in hit) [x, y] = [spec.marks[hit.mark]?.x, spec.marks[hit.mark]?.y];
  else if (u.series[hit.line + 1]?.show !== false)
    [x, y] = spec.lines[hit.line]?.points[hit.point] ?? [];
  if (x === undefined || y === undefined) return null;
  const left = u.valToPos(x, 'x');
  const top = u.valToPos(y, 'y');
  const { width, height } = u.over.getBoundingClientRect();
  return left < 0 || left > width || top < 0 || top > height ? null : { left, top };
}

/** Every point the pointer can be on, where it is drawn now. */
function* candidates(
  u: uPlot,
  spec: ChartSpec,
): Generator<{ hit: ChartHit; left: number; top: number }> {
  for (let mark = 0; mark < spec.marks.length; mark++)
    yield {
      hit: { mark },
      left: u.valToPos(spec.marks[mark].x, 'x'),
      top: u.valToPos(spec.marks[mark].y, 'y'),
    };
  for (let line = 0; line < spec.lines.length; line++) {
    if (u.series[line + 1]?.show === false) continue;
    const points = spec.lines[line].points;
    for (let point = 0; point < points.length; point++)
      yield {
        hit: { line, point },
        left: u.valToPos(points[point][0], 'x'),
        top: u.valToPos(points[point][1], 'y'),
      };
  }
}

function showTip(u: uPlot, spec: ChartSpec, tip: HTMLDivElement | null): void {
  if (!tip) return;
  const { left, top } = u.cursor;
  const hit =
    left !== undefined && top !== undefined && left >= 0
      ? nearest(candidates(u, spec), left, top, HIT_RADIUS)
      : null;
  if (!hit) {
    tip.hidden = true;
    u.over.style.cursor = '';
    return;
  }
  tip.textContent = spec.describe(hit).join('\n');
  const over = u.over.getBoundingClientRect();
  const box = tip.parentElement!.getBoundingClientRect();
  const x = over.left - box.left + left!;
  tip.style.left = `${Math.min(x + 12, box.width - 240)}px`;
  tip.style.top = `${over.top - box.top + top! + 12}px`;
  tip.hidden = false;
  u.over.style.cursor = 'pointer';
}

/** Calls `pick` for the point under a click (not the end of a drag that zoomed). */
function pickOnClick(u: uPlot, spec: ChartSpec, pick: (hit: ChartHit) => void): () => void {
  let down: { x: number; y: number } | null = null;
  const onDown = (e: MouseEvent) => (down = { x: e.clientX, y: e.clientY });
  const onClick = (e: MouseEvent) => {
    const moved = down ? Math.hypot(e.clientX - down.x, e.clientY - down.y) : 0;
    down = null;
    if (moved > 3) return;
    const over = u.over.getBoundingClientRect();
    const hit = nearest(
      candidates(u, spec),
      e.clientX - over.left,
      e.clientY - over.top,
      HIT_RADIUS,
    );
    if (hit) pick(hit);
  };
  u.over.addEventListener('mousedown', onDown);
  u.over.addEventListener('click', onClick);
  return () => {
    u.over.removeEventListener('mousedown', onDown);
    u.over.removeEventListener('click', onClick);
  };
}
