// Server-sent events over fetch (EventSource cannot send an Authorization header).
// Pure parsing lives in parseEvents so it can be tested without a browser.

export interface ServerEvent {
  id?: string;
  event: string;
  data: string;
}

/** Splits a buffer into complete events; returns them and the unfinished rest. */
export function parseEvents(buffer: string): { events: ServerEvent[]; rest: string } {
  const events: ServerEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const event: ServerEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
    }
    if (data.length === 0 && event.id === undefined) continue;
    event.data = data.join('\n');
    events.push(event);
  }
  return { events, rest };
}

export interface LiveChange {
  id?: string;
  change: string;
  at?: string;
  actorIds?: string[];
  [member: string]: unknown;
}

type Listener = (change: LiveChange) => void;

/**
 * One stream per tab, following every actor; views subscribe and pick what touches them.
 * Reconnects after a drop with Last-Event-ID, so no change is missed in between.
 */
export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private controller: AbortController | null = null;
  private lastEventId: string | undefined;
  private retryMs = 1000;
  state: 'off' | 'connecting' | 'live' | 'retrying' = 'off';
  onState: (state: LiveFeed['state']) => void = () => undefined;

  constructor(private readonly key: () => string | null) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.controller) return;
    this.controller = new AbortController();
    void this.run(this.controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = null;
    this.setState('off');
  }

  private setState(state: LiveFeed['state']): void {
    this.state = state;
    this.onState(state);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const key = this.key();
      if (!key) return this.stop();
      this.setState('connecting');
      try {
        const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
        if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
        const response = await fetch('/stream?timeout=3600', { headers, signal });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        this.setState('live');
        this.retryMs = 1000;
        await this.read(response.body, signal);
      } catch {
        if (signal.aborted) return;
      }
      this.setState('retrying');
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, 15_000);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseEvents(buffer);
      buffer = parsed.rest;
      for (const event of parsed.events) {
        if (event.id) this.lastEventId = event.id;
        if (event.event === 'error' || !event.data) continue;
        let change: LiveChange;
        try {
          change = { id: event.id, ...(JSON.parse(event.data) as LiveChange) };
        } catch {
          continue;
        }
        for (const listener of [...this.listeners]) listener(change);
      }
    }
  }
}
