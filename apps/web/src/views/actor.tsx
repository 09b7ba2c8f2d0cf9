import { useMemo, useState } from 'preact/hooks';
import { get } from '../api';
import { Affiliations } from '../components/affiliations';
import { EvidencePanel } from '../components/evidence';
import { MoreButton } from '../components/kit';
import { QuerySearch, QuerySelect, submitSearch } from '../components/query-controls';
import { statementIds, StatementRow, statementRows } from '../components/statement-row';
import { ErrorBox, ExportButtons, Loading, Section } from '../components/ui';
import { bucketEnd } from '../format';
import { useLoad, useReady } from '../hooks';
import { remember, useNames } from '../names';
import { timeParams } from '../router';
import type { Page, StatementItem } from '../types';
import { countedFor, useActorData, useActorSettings } from './actor-data';
import { PositionsPanel, stancePoints } from './actor-positions';
import { RelationsPanel } from './actor-relations';
import { KINDS } from './search';

type Side = { statementId: string } | { counterpartId: string; bucket: string } | null;

/** An actor: its positions over time, its relations, its timeline; evidence beside them. */
export function ActorView({ actorId }: { actorId: string }) {
  const settings = useActorSettings();
  const { actor, positions, relations, timeline, canonical } = useActorData(actorId);
  const [side, setSide] = useState<Side>(null);
  const open = useMemo(() => (statementId: string) => setSide({ statementId }), []);
  // What each chart last finished drawing: the view is ready when that is what it shows now.
  const [drawn, setDrawn] = useState<{ positions?: unknown; relations?: unknown[] }>({});
  const [chosen, setChosen] = useState<string[] | null>(null);
  const counterparts = relations.data?.counterparts ?? [];
  const shown = useMemo(
    () => chosen ?? counterparts.slice(0, 5).map((c) => c.actorId),
    [chosen, relations.data],
  );
  const items = timeline.items;
  const points = useMemo(
    () => stancePoints(positions.data?.positions ?? [], positions.data?.withdrawn ?? []),
    [positions.data],
  );
  if (actor.data) remember(actor.data.actorId, actor.data.name);
  const noPositions = positions.data?.positions.length === 0 && points.length === 0;
  const noRelations = !!relations.data && (counterparts.length === 0 || shown.length === 0);
  useReady('actor', [
    !!actor.data,
    !!timeline.first.data,
    (!!positions.data && drawn.positions === positions.data) || noPositions,
    (drawn.relations?.[0] === relations.data && drawn.relations?.[1] === shown) || noRelations,
  ]);
  // The heavy parts are kept as they are (same vnode: not diffed again) until their data change.
  const positionsView = useMemo(
    () => (
      <PositionsPanel
        positions={positions.data?.positions}
        points={points}
        role={settings.role}
        onOpen={open}
        onDrawn={() => setDrawn((d) => ({ ...d, positions: positions.data }))}
      />
    ),
    [positions.data, points, settings.role],
  );
  const relationsView = useMemo(
    () => (
      <RelationsPanel
        relations={relations.data}
        chosen={shown}
        setChosen={setChosen}
        onBucket={(counterpartId, bucket) => setSide({ counterpartId, bucket })}
        onDrawn={() => setDrawn((d) => ({ ...d, relations: [relations.data, shown] }))}
      />
    ),
    [relations.data, shown],
  );
  const timelineView = useMemo(
    () => <Timeline items={items} open={open} loading={timeline.first.loading} />,
    [items.length, timeline.first.data, timeline.first.loading],
  );
  if (actor.error) return <ErrorBox error={actor.error} />;
  const a = actor.data;
  return (
    <div>
      <Loading when={!a} what="the actor" />
      {a && (
        <header class="panel">
          <h1 data-testid="actor-name">{a.name}</h1>
          <p class="muted">
            {a.kind}
            {a.countryCode ? ` · ${a.countryCode}` : ''}
            {a.aliases.length > 0 ? ` · also known as ${a.aliases.join(', ')}` : ''}
          </p>
          <Affiliations affiliations={a.affiliations ?? []} testId="actor-affiliations" />
        </header>
      )}
      <div class="grid-2">
        <div>
          <ErrorBox error={positions.error} />
          {positionsView}
          <ErrorBox error={relations.error} />
          {relationsView}
        </div>
        <div class="side" aria-live="polite">
          {!side && (
            <p class="muted">
              Click a point of the positions chart, a period of the relations chart or a statement
              of the timeline: its evidence opens here.
            </p>
          )}
          {side && 'statementId' in side && (
            <EvidencePanel statementId={side.statementId} onClose={() => setSide(null)} />
          )}
          {side && 'bucket' in side && (
            <BucketStatements
              actorId={canonical}
              counterpartId={side.counterpartId}
              bucket={side.bucket}
              onOpen={open}
            />
          )}
        </div>
      </div>
      <Section
        title="Timeline"
        actions={<ExportButtons name={`${canonical}-timeline`} rows={() => statementRows(items)} />}
      >
        <form class="toolbar" onSubmit={submitSearch(['q'])}>
          <QuerySearch
            label="Search its statements"
            name="q"
            placeholder='words, "a phrase", -not'
          />
          <QuerySelect label="Kind" name="kind" options={[['', 'any'], ...KINDS]} />
          <button type="submit">Search</button>
        </form>
        {timelineView}
        <ErrorBox error={timeline.first.error} />
        <MoreButton paged={timeline} what="statements" />
      </Section>
    </div>
  );
}

function Timeline(props: { items: StatementItem[]; open: (id: string) => void; loading: boolean }) {
  const names = useNames(statementIds(props.items));
  return (
    <>
      <Loading when={props.loading && props.items.length === 0} what="the timeline" />
      <ul class="list" data-testid="timeline">
        {props.items.map((s) => (
          <StatementRow key={s.statementId} statement={s} names={names} onOpen={props.open} />
        ))}
      </ul>
      {!props.loading && props.items.length === 0 && <p class="muted">No statement matches.</p>}
    </>
  );
}

/** The statements behind one relations bucket (one counterpart, one week or month). */
function BucketStatements(props: {
  actorId: string;
  counterpartId: string;
  bucket: string;
  onOpen: (statementId: string) => void;
}) {
  const { direction, granularity } = useActorSettings();
  const time = timeParams();
  const from = props.bucket;
  const to = bucketEnd(props.bucket, granularity);
  const [about, by] =
    direction === 'outgoing'
      ? [props.counterpartId, props.actorId]
      : [props.actorId, props.counterpartId];
  const loaded = useLoad(async () => {
    const [spoken, forIt] = await Promise.all(
      ['speakerId', 'principalId'].map((field) =>
        get<Page<StatementItem>>('/statements', {
          targetId: about,
          [field]: by,
          from,
          to,
          limit: 200,
          ...time,
        }),
      ),
    );
    return countedFor('principal', spoken.items, forIt.items);
  }, [about, by, from, to, time.knownAt, time.asOf]);
  const items = loaded.data ?? [];
  const names = useNames(statementIds(items));
  return (
    <section
      class="evidence"
      aria-label="Statements in this period"
      data-testid="bucket-statements"
    >
      <h3>
        {names[by] ?? by} about {names[about] ?? about}, {from} – {to}
      </h3>
      <ErrorBox error={loaded.error} />
      <Loading when={loaded.loading && !loaded.data} what="statements" />
      <ul class="list">
        {items.map((s) => (
          <StatementRow key={s.statementId} statement={s} names={names} onOpen={props.onOpen} />
        ))}
      </ul>
    </section>
  );
}
