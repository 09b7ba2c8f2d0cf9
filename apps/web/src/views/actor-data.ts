import { get } from '../api';
import { usePaged } from '../components/kit';
import { useLive, useLoad } from '../hooks';
import { namesFrom } from '../names';
import { route, timeParams } from '../router';
import { useSignal } from '../signal';
import type { Actor, Page, Position, Relations, StatementItem } from '../types';

/** The actor page's settings, kept in the URL so that a link reproduces the view. */
export function useActorSettings() {
  const query = useSignal(route).query;
  return {
    role: query.get('role') ?? 'principal',
    direction: query.get('direction') ?? 'outgoing',
    granularity: (query.get('per') ?? 'month') as 'week' | 'month',
    q: query.get('q') ?? '',
    kind: query.get('kind') ?? '',
  };
}

/**
 * The statements that count for an actor from a list by speaker and a list by principal:
 * as principal, what it said for itself (no principal) plus what was said for it.
 */
export function countedFor(role: string, bySpeaker: StatementItem[], byPrincipal: StatementItem[]) {
  const seen = new Map<string, StatementItem>();
  for (const s of bySpeaker)
    if (role === 'speaker' || s.principalId === null) seen.set(s.statementId, s);
  for (const s of byPrincipal) seen.set(s.statementId, s);
  return [...seen.values()];
}

/** Everything the actor page reads, loaded side by side, reloaded by live changes. */
export function useActorData(actorId: string) {
  const { role, direction, granularity, q, kind } = useActorSettings();
  const time = timeParams();
  const id = encodeURIComponent(actorId);
  const actor = useLoad(
    () => get<Actor>(`/actors/${id}`, { knownAt: time.knownAt }),
    [id, time.knownAt],
  );
  const positions = useLoad(async () => {
    // Its stances that no longer count (retracted or withdrawn), drawn as such.
    const retracted = (by: string) =>
      get<Page<StatementItem>>('/statements', {
        [by]: actorId,
        status: 'retracted,withdrawn',
        limit: 200,
        ...time,
      });
    const [answer, spoken, forIt] = await Promise.all([
      get<{ positions: Position[] }>(`/actors/${id}/positions`, { role, ...time }),
      retracted('speakerId'),
      role === 'principal' ? retracted('principalId') : null,
    ]);
    const withdrawn = countedFor(role, spoken.items, forIt?.items ?? []).filter(
      (s) => s.stances.length > 0,
    );
    return { positions: answer.positions, withdrawn };
  }, [id, role, time.knownAt, time.asOf]);
  const relations = useLoad(() => {
    const answer = get<Relations>(`/actors/${id}/relations`, { direction, granularity, ...time });
    // Its counterparts come with their names: the timeline need not look them up one by one.
    namesFrom(answer.then((r) => r.counterparts));
    return answer;
  }, [id, direction, granularity, time.knownAt, time.asOf]);
  const timeline = usePaged<StatementItem, Page<StatementItem>>(
    (more) => get<Page<StatementItem>>(`/actors/${id}/timeline`, { q, kind, ...time, ...more }),
    [id, q, kind, time.knownAt, time.asOf],
    50,
  );
  const canonical = actor.data?.actorId ?? actorId;
  useLive(
    (c) => c.change.startsWith('statement.') && (!c.actorIds || c.actorIds.includes(canonical)),
    () => {
      timeline.first.reload();
      positions.reload();
      relations.reload();
    },
  );
  return { actor, positions, relations, timeline, canonical };
}
