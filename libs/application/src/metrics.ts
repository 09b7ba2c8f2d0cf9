/** Prometheus text exposition (format 0.0.4) for a handful of gauges and counters. */
export interface Metric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: Array<{ labels?: Record<string, string>; value: number }>;
}

export function prometheusText(metrics: Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const sample of metric.samples) {
      const labels = Object.entries(sample.labels ?? {})
        .map(
          ([key, value]) =>
            `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
        )
        .join(',');
      lines.push(
        `${metric.name}${labels ? `{${labels}}` : ''} ${Number.isFinite(sample.value) ? sample.value : 'NaN'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
