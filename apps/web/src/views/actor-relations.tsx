import { useMemo } from 'preact/hooks';
import { Chart, ChartOption } from '../components/chart';
import { QuerySelect } from '../components/query-controls';
import { ExportButtons, Section } from '../components/ui';
import { dayAxis } from '../format';
import type { Relations } from '../types';

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

function relationsOption(relations: Relations, chosen: string[]): ChartOption {
  const counterparts = relations.counterparts.filter((c) => chosen.includes(c.actorId));
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 8, right: 24, top: 40, bottom: 56, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      formatter: (p: {
        seriesName: string;
        data: { value: [string, number]; statements: number; byKind: Record<string, number> };
      }) =>
        `${p.seriesName} — ${p.data.value[0]}<br/>mean Goldstein ${p.data.value[1]} over ${
          p.data.statements
        } statement(s)<br/>${Object.entries(p.data.byKind)
          .map(([kind, n]) => `${kind}: ${n}`)
          .join(', ')}<br/>click for the statements`,
    },
    xAxis: dayAxis(relations.granularity),
    yAxis: { type: 'value', name: 'mean Goldstein', min: -10, max: 10 },
    dataZoom: [
      { type: 'slider', xAxisIndex: 0, bottom: 8, showDataShadow: false },
      { type: 'inside', xAxisIndex: 0 },
    ],
    series: counterparts.map((c) => ({
      name: c.name ?? c.actorId,
      type: 'line',
      showSymbol: true,
      symbolSize: 8,
      connectNulls: false,
      data: c.series
        .filter((b) => b.meanGoldstein !== null)
        .map((b) => ({
          value: [b.bucket, Math.round((b.meanGoldstein ?? 0) * 100) / 100],
          statements: b.statements,
          byKind: b.byKind,
          counterpartId: c.actorId,
          bucket: b.bucket,
        })),
    })),
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
  const option = useMemo(
    () => (relations ? relationsOption(relations, props.chosen) : null),
    [relations, props.chosen],
  );
  const counterparts = relations?.counterparts ?? [];
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
      {counterparts.length === 0 ? (
        <p class="muted">
          Nothing to draw in this direction: no statement counted for this actor names another actor{' '}
          (or, for “what others say about it”, none names this actor). Try the other direction.
        </p>
      ) : (
        <>
          <fieldset class="toolbar">
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
          {option && (
            <Chart
              option={option}
              label="Mean Goldstein score per period toward each chosen counterpart"
              height={320}
              testId="relations-chart"
              onClick={(event) => {
                const data = event.data as { counterpartId?: string; bucket?: string };
                if (data?.counterpartId && data.bucket)
                  props.onBucket(data.counterpartId, data.bucket);
              }}
              onDrawn={props.onDrawn}
            />
          )}
        </>
      )}
    </Section>
  );
}
