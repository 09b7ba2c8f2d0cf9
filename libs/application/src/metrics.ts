import { createServer, Server } from 'node:http';

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

export interface StatusEndpoints {
  metrics(): Promise<Metric[]>;
  /** The /health body; `ok: false` answers 503. */
  health(): Promise<{ ok: boolean } & Record<string, unknown>>;
}

/** /metrics (Prometheus) and /health (JSON) of a worker process (relay, projector). */
export function serveStatus(endpoints: StatusEndpoints, port: number, host: string): Server {
  return createServer((request, response) => {
    void (async () => {
      if (request.url === '/metrics') {
        const body = prometheusText(await endpoints.metrics());
        response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        response.end(body);
      } else if (request.url === '/health') {
        const { ok, ...body } = await endpoints.health();
        response.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      } else {
        response.writeHead(404, { 'Content-Type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }));
      }
    })().catch((error: Error) => {
      response.writeHead(500, { 'Content-Type': 'application/problem+json' });
      response.end(
        JSON.stringify({ type: 'about:blank', title: 'Error', status: 500, detail: error.message }),
      );
    });
  }).listen(port, host);
}
