import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

export type ChartOption = Record<string, any>;
export interface ChartClick {
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

let loading: Promise<typeof import('./echarts')> | null = null;
/** Loads (once) the charts' code; views with charts call it as they open, before their data. */
export const loadEcharts = () => (loading ??= import('./echarts'));

/**
 * An ECharts canvas. `label` names it for screen readers (the data is also in a table next
 * to it); `onDrawn` fires once the chart has finished rendering its option.
 */
export function Chart(props: {
  option: ChartOption;
  label: string;
  height?: number;
  testId?: string;
  onClick?: (event: ChartClick) => void;
  onDrawn?: () => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<import('echarts/core').EChartsType | null>(null);
  const handlers = useRef(props);
  const shown = useRef<ChartOption | null>(null);
  handlers.current = props;

  // Layout effects: the chart starts as soon as its element exists, not a frame later.
  useLayoutEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    performance.mark(`chart:${props.testId ?? props.label}:mount`);
    void loadEcharts().then(({ echarts }) => {
      if (disposed || !element.current) return;
      performance.mark(`chart:${props.testId ?? props.label}:init`);
      const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
      chart.current = instance;
      // For tests and power users: the instance is on its element (convertToPixel etc.).
      (element.current as unknown as { chart: unknown }).chart = instance;
      instance.on('click', (event) => handlers.current.onClick?.(event as ChartClick));
      instance.on('finished', () => {
        performance.mark(`chart:${props.testId ?? props.label}:finished`);
        element.current?.setAttribute('data-drawn', 'true');
        handlers.current.onDrawn?.();
      });
      shown.current = handlers.current.option;
      instance.setOption(handlers.current.option, true);
      // Redraw on a real change of size only (the observer also reports the size it starts at).
      let size = `${element.current.clientWidth}x${element.current.clientHeight}`;
      observer = new ResizeObserver(([entry]) => {
        const now = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
        if (now === size) return;
        size = now;
        instance.resize();
      });
      observer.observe(element.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current || shown.current === props.option) return;
    shown.current = props.option;
    element.current?.removeAttribute('data-drawn');
    chart.current.setOption(props.option, true);
  }, [props.option]);

  return (
    <div
      ref={element}
      class="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ height: `${props.height ?? 320}px` }}
    />
  );
}
