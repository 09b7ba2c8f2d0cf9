/**
 * A generated history through the real deciders: actors, propositions, statements with
 * stances, and every kind of later change (corrections, mentions, retractions, withdrawals,
 * accusations and their responses). Deterministic for a given seed, so failures reproduce.
 */
import { randomUUID } from 'node:crypto';
import { CommandRunner } from '@app/application';
import {
  accusationDecider,
  accusationStreamId,
  actorDecider,
  actorStreamId,
  Decider,
  DomainEvent,
  propositionDecider,
  propositionStreamId,
  statementDecider,
  statementStreamId,
} from '@app/domain';

const ACTORS = ['north', 'south', 'east', 'west', 'alliance', 'league', 'ministry', 'envoy'];
const PROPOSITIONS = ['tariffs-are-fair', 'treaty-is-binding', 'border-is-secure'];
const KINDS = ['statement', 'appeal', 'pledge', 'praise', 'criticism', 'accusation', 'warning'];

export interface HistoryOptions {
  statements: number;
  seed?: number;
  /** Prefix for actor and proposition ids, so several histories can share a database. */
  prefix?: string;
  /** Said dates advance with the statements (news arriving in order) instead of at random. */
  chronological?: boolean;
}

export async function generateHistory(
  runner: CommandRunner,
  options: HistoryOptions,
): Promise<{ events: number }> {
  let state = options.seed ?? 7;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const prefix = options.prefix ?? 'h';
  const actor = (name: string) => `${prefix}-${name}`;
  let events = 0;
  const run = async <C, S, E extends DomainEvent>(
    streamId: string,
    decider: Decider<C, S, E>,
    command: C,
  ) => {
    const result = await runner.run({
      streamId,
      decider,
      command,
      metadata: { userId: 'history' },
    });
    events += result.eventIds.length;
    return result;
  };
  for (const name of ACTORS)
    await run(actorStreamId(actor(name)), actorDecider, {
      type: 'RegisterActor',
      actorId: actor(name),
      name: `The ${name}`,
      kind: name === 'envoy' ? 'person' : 'state',
    });
  for (const name of PROPOSITIONS)
    await run(propositionStreamId(actor(name)), propositionDecider, {
      type: 'DefineProposition',
      propositionId: actor(name),
      text: `Claim: ${name.replace(/-/g, ' ')}`,
    });
  const recorded: Array<{
    id: string;
    speaker: string;
    kind: string;
    target: string;
    saidOn: string;
  }> = [];
  for (let i = 0; i < options.statements; i++) {
    const speaker = pick(ACTORS);
    // Not the speaker, nor whom the speaker speaks for (an accuser is never among the accused).
    const target = pick(
      ACTORS.filter((a) => a !== speaker && !(speaker === 'envoy' && a === 'league')),
    );
    const kind = pick(KINDS);
    const id = randomUUID();
    const month = options.chronological
      ? 1 + Math.floor((i * 12) / options.statements)
      : 1 + Math.floor(random() * 12);
    const day = options.chronological
      ? 1 + (Math.floor((i * 12 * 28) / options.statements) % 28)
      : 1 + Math.floor(random() * 28);
    const saidOn = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    await run(statementStreamId(id), statementDecider, {
      type: 'RecordStatement',
      statementId: id,
      speakerId: actor(speaker),
      principalId: speaker === 'envoy' ? actor('league') : null,
      kind,
      targetIds: [actor(target)],
      summary: `Statement ${i}: the ${speaker} on the ${target}, about trade and the border.`,
      saidAt: { date: saidOn, precision: 'day' },
      stances:
        random() < 0.5
          ? [
              {
                propositionId: actor(pick(PROPOSITIONS)),
                stance: random() < 0.5 ? 'supports' : 'opposes',
              },
            ]
          : [],
      source: { sourceId: randomUUID() },
    });
    recorded.push({ id, speaker, kind, target, saidOn });
    await aftermath({ run, random, pick, actor }, { id, speaker, kind, target, saidOn });
  }
  return { events };
}

interface HistoryTools {
  run: <C, S, E extends DomainEvent>(
    streamId: string,
    decider: Decider<C, S, E>,
    command: C,
  ) => Promise<unknown>;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  actor: (name: string) => string;
}

/** What may happen to a statement after it is recorded: a correction, a retraction, … */
async function aftermath(
  { run, random, pick, actor }: HistoryTools,
  {
    id,
    speaker,
    kind,
    target,
    saidOn,
  }: { id: string; speaker: string; kind: string; target: string; saidOn: string },
): Promise<void> {
  const roll = random();
  if (roll < 0.1)
    await run(statementStreamId(id), statementDecider, {
      type: 'CorrectStatement',
      changes: { kind: pick(KINDS.filter((k) => k !== kind)) },
      reason: 'kind misread',
      correctedBy: 'history',
    });
  else if (roll < 0.13)
    // Moves the statement along its chains (said later) and, for the envoy, to another principal.
    await run(statementStreamId(id), statementDecider, {
      type: 'CorrectStatement',
      changes: {
        saidAt: { date: laterDay(saidOn, random), precision: 'day' },
        ...(speaker === 'envoy' ? { principalId: actor('alliance') } : {}),
      },
      reason: 'date misread',
      correctedBy: 'history',
    });
  else if (roll < 0.15)
    await run(statementStreamId(id), statementDecider, {
      type: 'AddStatementMention',
      source: { sourceId: randomUUID() },
    });
  else if (roll < 0.18)
    await run(statementStreamId(id), statementDecider, {
      type: 'RetractStatement',
      retractedOn: '2025-01-02',
      sourceId: randomUUID(),
    });
  else if (roll < 0.2)
    await run(statementStreamId(id), statementDecider, {
      type: 'WithdrawStatement',
      reason: 'erroneous',
    });
  else if (roll < 0.3 && kind === 'accusation') {
    const accusationId = randomUUID();
    await run(accusationStreamId(accusationId), accusationDecider, {
      type: 'MakeAccusation',
      accusationId,
      statement: {
        statementId: id,
        kind: 'accusation',
        speakerId: actor(speaker),
        principalId: speaker === 'envoy' ? actor('league') : null,
        targetIds: [actor(target)],
        withdrawn: false,
      },
      allegation: 'breaking the treaty',
    });
    const denialId = randomUUID();
    await run(statementStreamId(denialId), statementDecider, {
      type: 'RecordStatement',
      statementId: denialId,
      speakerId: actor(target),
      kind: 'denial',
      targetIds: [actor(speaker)],
      summary: `The ${target} denies breaking the treaty.`,
      saidAt: { date: '2024-12-30', precision: 'day' },
      source: { sourceId: randomUUID() },
    });
    await run(accusationStreamId(accusationId), accusationDecider, {
      type: 'RespondToAccusation',
      response: 'denial',
      statement: {
        statementId: denialId,
        kind: 'denial',
        speakerId: actor(target),
        principalId: null,
        targetIds: [actor(speaker)],
        withdrawn: false,
      },
    });
  }
}

/** A December 2024 day other than `saidOn` (a correction must change something). */
function laterDay(saidOn: string, random: () => number): string {
  const day = 1 + Math.floor(random() * 28);
  const date = (d: number) => `2024-12-${String(d).padStart(2, '0')}`;
  return date(day) === saidOn ? date((day % 28) + 1) : date(day);
}
