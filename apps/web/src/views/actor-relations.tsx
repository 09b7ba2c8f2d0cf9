import { useMemo } from 'preact/hooks';
import { Chart, ChartSpec } from '../components/chart';
import { QuerySelect } from '../components/query-controls';
import { ExportButtons, Section } from '../components/ui';
import type { Relations } from '../types';

type Counterpart = Relations['counterparts'][number];

const PALETTE = [
  '#1849a9',
  '#b42318',
  '#1a7f37',
  '#93370d',
  '#6941c6',
  '#026aa2',
  '#c11574',
  '#344054',
];

/** The chart: a line per chosen counterpart through its periods' mean Goldstein scores. */
export function relationsSpec(counterparts: Counterpart[]): ChartSpec {
  // Per line, the periods its points stand for (periods without a score are gaps).
  const periods = counterparts.map((c) => c.series.filter((b) => b.meanGoldstein !== null));
  return {
    y: { min: -10, max: 10, name: 'mean Goldstein' },
    marks: [],
    lines: counterparts.map((c, i) => ({
      label: c.name ?? c.actorId,
      colour: PALETTE[i % PALETTE.length],
      points: periods[i].map((b): [number, number] => [
        Date.parse(b.bucket),
        Math.round((b.meanGoldstein ?? 0) * 100) / 100,
      ]),
    })),
    describe: (hit) => {
      const b = 'line' in hit ? periods[hit.line]?.[hit.point] : undefined;
      if (!b || !('line' in hit)) return [];
      const c = counterparts[hit.line];
      const kinds = Object.entries(b.byKind)
        .map(([kind, n]) => `${kind}: ${n}`)
        .join(', ');
      return [
        `${c.name ?? c.actorId} — ${b.bucket}`,
        `mean Goldstein ${Math.round((b.meanGoldstein ?? 0) * 100) / 100} over ${b.statements} statement(s)`,
        kinds,
        'click for the statements',
      ];
    },
  };
}

export function RelationsPanel(props: {
  relations: Relations | undefined;
  chosen: string[];
  setChosen: (ids: string[]) => void;
  onBucket: (counterpartId: string, bucket: string) => void;
  onDrawn: () => void;
}) {
  const relations = props.relations;
  const counterparts = relations?.counterparts ?? [];
  const drawn = useMemo(
    () => counterparts.filter((c) => props.chosen.includes(c.actorId)),
    [relations, props.chosen],
  );
  const spec = useMemo(() => (relations ? relationsSpec(drawn) : null), [drawn]);
  const toggle = (id: string) =>
    props.setChosen(
      props.chosen.includes(id) ? props.chosen.filter((x) => x !== id) : [...props.chosen, id],
    );
  return (
    <Section
      title="Relations"
      actions={
        <>
          <QuerySelect
            label="Direction"
            name="direction"
            fallback="outgoing"
            options={[
              ['outgoing', 'what it says about others'],
              ['incoming', 'what others say about it'],
            ]}
          />
          <QuerySelect label="Per" name="per" fallback="month" options={['month', 'week']} />
          <ExportButtons
            name="relations"
            rows={() =>
              counterparts.flatMap((c) =>
                c.series.map((b) => ({
                  counterpartId: c.actorId,
                  counterpart: c.name,
                  bucket: b.bucket,
                  statements: b.statements,
                  meanGoldstein: b.meanGoldstein,
                  byKind: b.byKind,
                })),
              )
            }
          />
        </>
      }
    >
      {relations && counterparts.length === 0 ? (
        <p class="muted">
          Nothing to draw in this direction: no statement counted for this actor names another actor{' '}
          (or, for “what others say about it”, none names this actor). Try the other direction.
        </p>
      ) : (
        <>
          <fieldset class="toolbar" hidden={!relations}>
            <legend class="muted">
              Counterparts drawn (mean Goldstein: −10 hostile … +10 cooperative)
            </legend>
            {counterparts.slice(0, 24).map((c) => (
              <label key={c.actorId} style={{ flexDirection: 'row', alignItems: 'center' }}>
                <input
                  type="checkbox"
                  checked={props.chosen.includes(c.actorId)}
                  onChange={() => toggle(c.actorId)}
                />
                {c.name ?? c.actorId} ({c.statements})
              </label>
            ))}
          </fieldset>
          <Chart
            spec={spec}
            label="Mean Goldstein score per period toward each chosen counterpart"
            height={320}
            testId="relations-chart"
            onPick={(hit) => {
              if (!('line' in hit)) return;
              const c = drawn[hit.line];
              const bucket = c?.series.filter((b) => b.meanGoldstein !== null)[hit.point];
              if (c && bucket) props.onBucket(c.actorId, bucket.bucket);
            }}
            onDrawn={props.onDrawn}
          />
        </>
      )}
    </Section>
  );
}
