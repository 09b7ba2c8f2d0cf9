/** The workload every contender runs (no database code here: Emmett's child process imports it too). */
import { randomUUID } from 'node:crypto';

/** A statement-sized event payload, the same for every contender. */
export function statementPayload(i: number) {
  return {
    statementId: randomUUID(),
    speaker: 'dmitry-peskov',
    principal: 'russia',
    kind: 'warning',
    targets: ['nato'],
    quote: `Bench quote number ${i}: response measures against a very serious threat.`,
    saidAt: '2024-07-11',
    precision: 'day',
    confidence: 0.9,
  };
}
export const METADATA = { userId: 'bench', correlationId: randomUUID(), causationId: randomUUID() };

/** Run `count` tasks with `concurrency` callers; returns events per second. */
export async function timed(
  count: number,
  concurrency: number,
  eventsPerTask: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (count * eventsPerTask) / seconds;
}
