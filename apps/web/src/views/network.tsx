import { useMemo, useState } from 'preact/hooks';
import { get } from '../api';
import { EdgePick, loadCytoscape, NetworkGraph } from '../components/graph';
import { QueryInput, QuerySearch, QuerySelect, submitSearch } from '../components/query-controls';
import {
  ActorLink,
  Badge,
  ErrorBox,
  ExportButtons,
  Loading,
  Section,
  StatementLink,
} from '../components/ui';
import { dateText, STATUS_COLOURS } from '../format';
import { useLive, useLoad, useReady } from '../hooks';
import { navigate, route, timeParams } from '../router';
import { useSignal } from '../signal';
import type { Graph } from '../types';

const STATUSES = ['open', 'denied', 'acknowledged', 'withdrawn'];
const TABLE_ROWS = 200;
type Edge = Graph['edges'][number];

function exportRows(pairs: Edge[]) {
  return pairs.flatMap((e) =>
    e.allegations.map((a) => ({
      accuserId: e.accuserId,
      accusedId: e.accusedId,
      accusationId: a.accusationId,
      allegation: a.allegation,
      saidOn: a.saidOn,
      status: a.status,
      responses: a.responses.map((r) => `${r.response}:${r.respondentId}`).join(' '),
    })),
  );
}

/** Who accuses whom: actors as nodes, accusations as edges coloured by their status. */
export function NetworkView() {
  void loadCytoscape();
  const query = useSignal(route).query;
  const [from, to, actorId, status] = ['from', 'to', 'actor', 'status'].map(
    (name) => query.get(name) ?? '',
  );
  const time = timeParams();
  const [pick, setPick] = useState<EdgePick | null>(null);
  const [drawn, setDrawn] = useState<Graph | null>(null);
  const graph = useLoad(
    // The drawing needs the counts alone; an edge's allegations are read when it is opened.
    () => get<Graph>('/accusation-graph', { from, to, actorId, status, limit: 0, ...time }),
    [from, to, actorId, status, time.knownAt, time.asOf],
  );
  useLive((c) => c.change.startsWith('accusation.'), graph.reload);
  const empty = graph.data?.nodes.length === 0;
  useReady('network', [!!graph.data && (drawn === graph.data || empty)]);
  const names = useMemo(
    () => Object.fromEntries((graph.data?.nodes ?? []).map((n) => [n.actorId, n.name])),
    [graph.data],
  );
  const pairs = useMemo(
    () => [...(graph.data?.edges ?? [])].sort((a, b) => b.accusations - a.accusations),
    [graph.data],
  );
  const edge = pick
    ? pairs.find((e) => e.accuserId === pick.accuserId && e.accusedId === pick.accusedId)
    : undefined;
  return (
    <div>
      <h1>Who accuses whom</h1>
      <Section
        title="Accusation network"
        actions={<ExportButtons name="accusations" rows={() => exportRows(pairs)} />}
      >
        <form class="toolbar" onSubmit={submitSearch(['actor'])}>
          <QueryInput label="Said from" name="from" />
          <QueryInput label="to" name="to" />
          <QuerySelect label="Status" name="status" options={[['', 'any'], ...STATUSES]} />
          <QuerySearch label="Actor (id or alias)" name="actor" placeholder="e.g. china" />
          <button type="submit">Filter</button>
        </form>
        <p class="legend" aria-label="Edge colours">
          {STATUSES.map((s) => (
            <span key={s}>
              <span class="swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
              {s}
            </span>
          ))}
        </p>
        <ErrorBox error={graph.error} />
        <Loading when={graph.loading && !graph.data} what="the network" />
        {empty && <p class="muted">No accusation matches.</p>}
        <div class="grid-2">
          {graph.data && !empty && (
            <NetworkGraph
              graph={graph.data}
              onEdge={setPick}
              onNode={(id) => navigate(`/actors/${encodeURIComponent(id)}`)}
              onDrawn={() => setDrawn(graph.data ?? null)}
            />
          )}
          <div aria-live="polite">
            {edge && pick ? (
              <EdgeDetails
                pick={pick}
                filters={{ from, to, status }}
                names={names}
                close={() => setPick(null)}
              />
            ) : (
              graph.data &&
              !empty && (
                <p class="muted">
                  Click an edge (or a count in the table below) for its allegations and the
                  responses to them; click an actor for its page. Scroll to zoom, drag to pan.
                </p>
              )
            )}
          </div>
        </div>
      </Section>
      {graph.data && <PairsTable pairs={pairs} names={names} pick={setPick} />}
    </div>
  );
}

/** The allegations of one accuser → accused pair with one status, and their responses. */
function EdgeDetails(props: {
  pick: EdgePick;
  filters: { from: string; to: string; status: string };
  names: Record<string, string>;
  close: () => void;
}) {
  const { pick, names } = props;
  const time = timeParams();
  const loaded = useLoad(async () => {
    const graph = await get<Graph>('/accusation-graph', {
      ...props.filters,
      actorId: pick.accuserId,
      limit: 500,
      ...time,
    });
    return graph.edges.find((e) => e.accusedId === pick.accusedId) ?? null;
  }, [pick.accuserId, pick.accusedId, JSON.stringify(props.filters), time.knownAt, time.asOf]);
  const edge = loaded.data ?? { ...pick, allegations: [] };
  return (
    <section class="evidence" data-testid="edge-details" aria-label="Accusations on this edge">
      <div class="panel-head">
        <h3>
          <ActorLink id={edge.accuserId} name={names[edge.accuserId]} /> accuses{' '}
          <ActorLink id={edge.accusedId} name={names[edge.accusedId]} />
        </h3>
        <button type="button" onClick={props.close} aria-label="Close the accusations">
          ×
        </button>
      </div>
      <ErrorBox error={loaded.error} />
      <Loading when={loaded.loading && !loaded.data} what="the allegations" />
      <ul class="list">
        {edge.allegations
          .filter((a) => a.status === pick.status)
          .map((a) => (
            <li key={a.accusationId} data-testid="allegation" data-status={a.status}>
              <p>
                <Badge kind={a.status}>{a.status}</Badge>{' '}
                <span class="muted">{dateText(a.saidOn)}</span>
              </p>
              <p data-testid="allegation-text">
                <strong>{a.allegation}</strong>
              </p>
              {a.quote && <blockquote>“{a.quote}”</blockquote>}
              <p>
                <StatementLink id={a.statementId}>the accusation’s record</StatementLink>
              </p>
              <h4>Responses ({a.responses.length})</h4>
              {a.responses.length === 0 && <p class="muted">none recorded</p>}
              <ul>
                {a.responses.map((r) => (
                  <li key={r.statementId} data-testid="response">
                    {r.response} by <ActorLink id={r.respondentId} name={names[r.respondentId]} />{' '}
                    <span class="muted">{dateText(r.saidOn)}</span>{' '}
                    <StatementLink id={r.statementId}>record</StatementLink>
                  </li>
                ))}
              </ul>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The keyboard- and screen-reader-friendly list of the pairs (most accusations first). */
function PairsTable(props: {
  pairs: Edge[];
  names: Record<string, string>;
  pick: (pick: EdgePick) => void;
}) {
  const { pairs, names } = props;
  return (
    <Section title="Accuser → accused pairs">
      <div class="table-wrap">
        <table data-testid="edges-table">
          <caption class="muted">
            {pairs.length > TABLE_ROWS
              ? `The ${TABLE_ROWS} pairs with most accusations of ${pairs.length}`
              : `${pairs.length} pairs`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Accuser</th>
              <th scope="col">Accused</th>
              <th scope="col">Accusations</th>
              <th scope="col">By status (open the allegations)</th>
              <th scope="col">Said</th>
            </tr>
          </thead>
          <tbody>
            {pairs.slice(0, TABLE_ROWS).map((e) => (
              <tr key={`${e.accuserId}>${e.accusedId}`} data-testid="edge-row">
                <td>
                  <ActorLink id={e.accuserId} name={names[e.accuserId]} />
                </td>
                <td>
                  <ActorLink id={e.accusedId} name={names[e.accusedId]} />
                </td>
                <td>{e.accusations}</td>
                <td>
                  {Object.entries(e.byStatus)
                    .filter(([, n]) => n > 0)
                    .map(([s, n]) => (
                      <button
                        key={s}
                        type="button"
                        data-status={s}
                        onClick={() =>
                          props.pick({ accuserId: e.accuserId, accusedId: e.accusedId, status: s })
                        }
                      >
                        {n} {s}
                      </button>
                    ))}
                </td>
                <td>
                  {e.firstSaidOn === e.lastSaidOn
                    ? dateText(e.firstSaidOn)
                    : `${dateText(e.firstSaidOn)} – ${dateText(e.lastSaidOn)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
