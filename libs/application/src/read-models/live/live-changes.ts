import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Change, ChangeLog, compareChangeIds } from '@app/projections';

/** How often the newest change is looked up while someone listens (ms). */
export const LIVE_POLL_MS = 200;

/**
 * The change log as the live stream reads it. While anyone listens, one loop looks up the
 * newest change every LIVE_POLL_MS and wakes the listeners when it moved; each listener then
 * reads what its filter lets through after its own position. Idle streams cost one cheap query
 * per tick in all, not one per connection.
 */
@Injectable()
export class LiveChanges implements OnModuleDestroy {
  private readonly log: ChangeLog;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private lastHead: string | null | undefined;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.log = new ChangeLog(dataSource);
  }

  /** The newest change visible now (where a stream without Last-Event-ID starts). */
  head(): Promise<string | null> {
    return this.log.head();
  }

  /**
   * Up to `limit` changes after `after`, of the actors given (all when undefined), and the
   * position read through: past changes the filter left out, so the next read starts there.
   */
  async read(
    after: string | null,
    limit: number,
    actorIds?: string[],
  ): Promise<{ changes: Change[]; through: string | null }> {
    const head = await this.log.head();
    if (compareChangeIds(head, after) <= 0) return { changes: [], through: after };
    const changes = await this.log.after(after, limit, actorIds, undefined, head!);
    return {
      changes,
      through: changes.length < limit ? head : changes[changes.length - 1].id,
    };
  }

  /** Call `listener` whenever new changes may be there; returns the unsubscribe. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.tick(), LIVE_POLL_MS);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** True once the service shuts down: open streams end (clients reconnect elsewhere). */
  closed = false;

  onModuleDestroy(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  private ticking = false;

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const head = await this.log.head();
      if (head !== this.lastHead) {
        this.lastHead = head;
        for (const listener of this.listeners) listener();
      }
    } catch {
      // The next tick tries again (the database may be restarting).
    } finally {
      this.ticking = false;
    }
  }
}
