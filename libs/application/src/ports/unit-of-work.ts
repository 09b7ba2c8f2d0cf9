import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction per request. Work started inside `within(manager, …)` (the idempotency
 * interceptor's transaction) joins it; otherwise `transaction()` opens its own.
 */
@Injectable()
export class UnitOfWork {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private readonly listeners = new Set<() => void>();

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const manager = this.current.getStore();
    if (manager) return work(manager);
    const result = await this.dataSource.transaction(work);
    this.committed();
    return result;
  }

  /** Whether the request already runs in a transaction (e.g. the idempotency interceptor's). */
  active(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Called after a request's writes committed (the in-process projector reads at once). */
  onCommit(listener: () => void): void {
    this.listeners.add(listener);
  }

  /**
   * Work that is atomic on its own (one statement, no transaction around it), announced as
   * committed like a transaction's work. Inside a request's transaction it simply joins it.
   */
  async atomic<T>(work: (manager?: EntityManager) => Promise<T>): Promise<T> {
    const manager = this.current.getStore();
    if (manager) return work(manager);
    const result = await work();
    this.committed();
    return result;
  }

  /** Tell listeners that work committed (for transactions opened outside `transaction()`). */
  committed(): void {
    for (const listener of this.listeners) listener();
  }

  within<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    return this.current.run(manager, work);
  }
}
