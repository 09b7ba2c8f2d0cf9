import { DataSource } from 'typeorm';
import { formatCheckpoint, PostgresEventStore } from '@app/event-store';

export interface RelayStatus {
  name: string;
  /** The last acknowledged position, "<transaction>:<global position>". */
  checkpoint: string;
  published: number;
  /** Committed events it has not published yet (counted up to the cap). */
  lag: number;
  updatedAt: Date;
}

/** Each relay's acknowledged position and how far behind the store it is. */
export async function relayStatuses(
  dataSource: DataSource,
  store: PostgresEventStore,
  lagCap?: number,
): Promise<RelayStatus[]> {
  const rows: Array<{
    relay_name: string;
    transaction_text: string;
    global_position: string;
    published: string;
    updated_at: Date;
  }> = await dataSource.query(
    `SELECT relay_name, transaction_id::text AS transaction_text, global_position, published, updated_at
       FROM relay_checkpoints ORDER BY relay_name`,
  );
  const checkpoints = rows.map((row) => ({
    transactionId: row.transaction_text,
    globalPosition: Number(row.global_position),
  }));
  const lags = await store.lagOf(checkpoints, lagCap);
  return rows.map((row, i) => ({
    name: row.relay_name,
    checkpoint: formatCheckpoint(checkpoints[i]),
    published: Number(row.published),
    lag: lags[i],
    updatedAt: row.updated_at,
  }));
}
