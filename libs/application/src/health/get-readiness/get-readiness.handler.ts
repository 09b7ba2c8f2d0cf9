import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Database, DATABASE, DatabaseProbe, HEALTH_DEADLINE_MS } from '@app/database';
import { Lifecycle } from '../lifecycle';
import { GetReadinessQuery, Readiness } from './get-readiness.query';

@QueryHandler(GetReadinessQuery)
export class GetReadinessHandler implements IQueryHandler<GetReadinessQuery> {
  constructor(
    @Inject(DatabaseProbe) private readonly probe: DatabaseProbe,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(Lifecycle) private readonly lifecycle: Lifecycle,
  ) {}

  async execute(): Promise<Readiness> {
    const stopping = this.lifecycle.stopping;
    const probed = await this.probe.check();
    const database = { ok: probed.ok, latencyMs: probed.latencyMs };
    const reasons: string[] = [];
    if (stopping) reasons.push('shutting down');
    if (!probed.ok) reasons.push(`database unreachable: ${probed.error ?? 'no answer'}`);
    const migrations = probed.ok ? await this.migrations() : null;
    if (migrations === null && probed.ok) reasons.push('cannot read the applied migrations');
    if (migrations && migrations.pending.length > 0)
      reasons.push(`migrations not applied: ${migrations.pending.join(', ')}`);
    return {
      status: reasons.length === 0 ? 'ready' : 'not-ready',
      reasons,
      database,
      migrations: migrations ?? { applied: 0, pending: [] },
      stopping,
    };
  }

  /** The migrations this code knows, applied or not in the database (null if unreadable). */
  private async migrations(): Promise<Readiness['migrations'] | null> {
    const dataSource = this.database.dataSource;
    const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    const table = dataSource.options.migrationsTableName ?? 'migrations';
    let timer: NodeJS.Timeout | undefined;
    try {
      const rows = (await Promise.race([
        dataSource.query(`SELECT name FROM "${table}"`),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), HEALTH_DEADLINE_MS);
        }),
      ])) as Array<{ name: string }>;
      const applied = new Set(rows.map((r) => r.name));
      return {
        applied: known.filter((name) => applied.has(name)).length,
        pending: known.filter((name) => !applied.has(name)),
      };
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
