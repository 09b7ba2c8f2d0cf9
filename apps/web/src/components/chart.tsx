import { useEffect, useRef } from 'preact/hooks';

export type ChartOption = Record<string, any>;
export interface ChartClick {
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

let loading: Promise<typeof import('./echarts')> | null = null;
const loadEcharts = () => (loading ??= import('./echarts'));

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
  handlers.current = props;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadEcharts().then(({ echarts }) => {
      if (disposed || !element.current) return;
      const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
      chart.current = instance;
      // For tests and power users: the instance is on its element (convertToPixel etc.).
      (element.current as unknown as { chart: unknown }).chart = instance;
      instance.on('click', (event) => handlers.current.onClick?.(event as ChartClick));
      instance.on('finished', () => {
        element.current?.setAttribute('data-drawn', 'true');
        handlers.current.onDrawn?.();
      });
      instance.setOption(handlers.current.option, true);
      observer = new ResizeObserver(() => instance.resize());
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
    element.current?.removeAttribute('data-drawn');
    chart.current?.setOption(props.option, true);
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
