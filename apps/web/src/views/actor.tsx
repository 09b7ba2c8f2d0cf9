import { useEffect, useMemo, useState } from 'preact/hooks';
import { get } from '../api';
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
  const [drawn, setDrawn] = useState({ positions: false, relations: false });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const counterparts = relations.data?.counterparts ?? [];
  const shown = useMemo(
    () => chosen ?? counterparts.slice(0, 5).map((c) => c.actorId),
    [chosen, relations.data],
  );
  const items = timeline.items;
  const corrected = useMemo(
    () => new Set(items.filter((s) => s.corrections > 0).map((s) => s.statementId)),
    [items.length, timeline.first.data],
  );
  const points = useMemo(
    () => stancePoints(positions.data?.positions ?? [], positions.data?.withdrawn ?? [], corrected),
    [positions.data, corrected],
  );
  if (actor.data) remember(actor.data.actorId, actor.data.name);
  useEffect(
    () => setDrawn({ positions: false, relations: false }),
    [positions.data, relations.data, shown],
  );
  const noPositions = positions.data?.positions.length === 0 && points.length === 0;
  const noRelations = !!relations.data && (counterparts.length === 0 || shown.length === 0);
  useReady('actor', [
    !!actor.data,
    !!timeline.first.data,
    drawn.positions || noPositions,
    drawn.relations || noRelations,
  ]);
  if (actor.error) return <ErrorBox error={actor.error} />;
  const a = actor.data;
  const open = (statementId: string) => setSide({ statementId });
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
        </header>
      )}
      <div class="grid-2">
        <div>
          <ErrorBox error={positions.error} />
          {positions.data && (
            <PositionsPanel
              positions={positions.data.positions}
              points={points}
              role={settings.role}
              onOpen={open}
              onDrawn={() => setDrawn((d) => (d.positions ? d : { ...d, positions: true }))}
            />
          )}
          <ErrorBox error={relations.error} />
          <RelationsPanel
            relations={relations.data}
            chosen={shown}
            setChosen={setChosen}
            onBucket={(counterpartId, bucket) => setSide({ counterpartId, bucket })}
            onDrawn={() => setDrawn((d) => (d.relations ? d : { ...d, relations: true }))}
          />
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
        <Timeline items={items} open={open} loading={timeline.first.loading} />
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
