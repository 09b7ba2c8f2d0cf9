import { useMemo } from 'preact/hooks';
import { Chart, ChartOption } from '../components/chart';
import { QuerySelect } from '../components/query-controls';
import { ExportButtons, Section } from '../components/ui';
import { dateText, dayAxis, STANCE_COLOURS } from '../format';
import type { Position, StatementItem } from '../types';

export interface StancePoint {
  statementId: string;
  propositionId: string;
  stance: string;
  saidOn: string;
  dateBasis: string;
  mark: 'current' | 'retracted' | 'withdrawn' | 'corrected';
}

/**
 * The points drawn: each position's listed stances (its latest evidence, every listed shift),
 * plus the actor's retracted or withdrawn stances, which no longer count but stay visible.
 * A stance whose statement was corrected is marked so.
 */
export function stancePoints(positions: Position[], withdrawn: StatementItem[]): StancePoint[] {
  const points = new Map<string, StancePoint>();
  for (const position of positions) {
    const add = (
      statementId: string,
      stance: string,
      saidOn: string | null,
      corrections: number,
      dateBasis = 'said',
    ) => {
      const key = `${statementId}|${position.propositionId}`;
      if (!saidOn || points.has(key)) return;
      points.set(key, {
        statementId,
        propositionId: position.propositionId,
        stance,
        saidOn,
        dateBasis,
        mark: corrections > 0 ? 'corrected' : 'current',
      });
    };
    for (const e of position.evidence)
      add(e.statementId, e.stance, e.saidOn, e.corrections, e.dateBasis);
    for (const s of position.shifts) add(s.statementId, s.to, s.saidOn, s.corrections);
  }
  for (const s of withdrawn)
    for (const x of s.stances) {
      if (!s.datedOn) continue;
      points.set(`${s.statementId}|${x.propositionId}`, {
        statementId: s.statementId,
        propositionId: x.propositionId,
        stance: x.stance,
        saidOn: s.datedOn,
        dateBasis: s.dateBasis,
        mark: s.status === 'withdrawn' ? 'withdrawn' : 'retracted',
      });
    }
  return [...points.values()].sort((a, b) => a.saidOn.localeCompare(b.saidOn));
}

/** Series per stance and mark, each styled once (plain data arrays draw fast at 10,000s). */
const MARKS: { mark: StancePoint['mark'][]; suffix: string; symbol: string; style?: object }[] = [
  { mark: ['current'], suffix: '', symbol: 'circle' },
  { mark: ['corrected'], suffix: ' (corrected)', symbol: 'diamond' },
  {
    mark: ['retracted', 'withdrawn'],
    suffix: ' (retracted or withdrawn)',
    symbol: 'emptyCircle',
    style: { borderType: 'dashed', opacity: 0.8 },
  },
];

/** A chart datum: [said on, proposition row, index into the points]. */
export type PointDatum = [string, number, number];

function positionsOption(labels: string[], ids: string[], points: StancePoint[]): ChartOption {
  const row = new Map(ids.map((id, i) => [id, i]));
  const series = (['supports', 'opposes'] as const).flatMap((stance) =>
    MARKS.map((m) => ({
      name: `${stance}${m.suffix}`,
      type: 'scatter',
      symbol: m.symbol,
      symbolSize: 13,
      itemStyle: { color: STANCE_COLOURS[stance], ...m.style },
      data: points.flatMap((p, index): PointDatum[] =>
        p.stance === stance && m.mark.includes(p.mark)
          ? [[p.saidOn, row.get(p.propositionId)!, index]]
          : [],
      ),
    })).filter((s) => s.data.length > 0),
  );
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 56, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: PointDatum }) =>
        `${p.seriesName} — ${labels[p.data[1]]}<br/>${p.data[0]}<br/>click for the evidence`,
    },
    xAxis: dayAxis('said'),
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: { width: window.innerWidth < 600 ? 100 : 220, overflow: 'truncate' },
    },
    dataZoom: [
      { type: 'slider', xAxisIndex: 0, bottom: 8, showDataShadow: false },
      { type: 'inside', xAxisIndex: 0 },
    ],
    series,
  };
}

export function PositionsPanel(props: {
  positions: Position[];
  points: StancePoint[];
  onOpen: (statementId: string) => void;
  onDrawn: () => void;
  role: string;
}) {
  const { positions, points } = props;
  const ids = positions.map((p) => p.propositionId);
  for (const p of points) if (!ids.includes(p.propositionId)) ids.push(p.propositionId);
  const labels = ids.map((id) => positions.find((p) => p.propositionId === id)?.proposition ?? id);
  const option = useMemo(() => positionsOption(labels, ids, points), [positions, points]);
  return (
    <Section
      title="Positions over time"
      actions={
        <>
          <QuerySelect
            label="Counted as"
            name="role"
            fallback="principal"
            options={[
              ['principal', 'the actor it speaks for'],
              ['speaker', 'the speaker'],
            ]}
          />
          <ExportButtons name="positions" rows={() => points.map((p) => ({ ...p }))} />
        </>
      }
    >
      {positions.length === 0 && points.length === 0 ? (
        <p class="muted">No stance on any proposition is recorded for this actor.</p>
      ) : (
        <>
          <p class="muted legend">
            <span>● supports / opposes by said date</span>
            <span>◆ corrected</span>
            <span>○ retracted or withdrawn (no longer counts)</span>
          </p>
          <Chart
            option={option}
            label={`Stances by date on ${ids.length} propositions; the table below lists them`}
            height={Math.max(200, 70 + 46 * ids.length)}
            testId="positions-chart"
            onClick={(event) => {
              const point = points[(event.data as PointDatum)?.[2]];
              if (point) props.onOpen(point.statementId);
            }}
            onDrawn={props.onDrawn}
          />
        </>
      )}
      <div class="table-wrap">
        <table>
          <caption class="muted">
            Each proposition: current stance, since, counts, the stances shown
          </caption>
          <thead>
            <tr>
              <th scope="col">Proposition</th>
              <th scope="col">Now</th>
              <th scope="col">Since</th>
              <th scope="col">Supports / opposes</th>
              <th scope="col">Shifts</th>
              <th scope="col">Stances shown (open the evidence)</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id, i) => {
              const position = positions.find((p) => p.propositionId === id);
              return (
                <tr key={id}>
                  <th scope="row">{labels[i]}</th>
                  <td>{position?.currentStance ?? '—'}</td>
                  <td>{dateText(position?.since)}</td>
                  <td>
                    {position ? `${position.counts.supports} / ${position.counts.opposes}` : '—'}
                  </td>
                  <td>{position?.shiftCount ?? 0}</td>
                  <td>
                    {points
                      .filter((p) => p.propositionId === id)
                      .slice(-6)
                      .map((p) => (
                        <button
                          key={p.statementId}
                          type="button"
                          class="point"
                          onClick={() => props.onOpen(p.statementId)}
                          aria-label={`${p.stance} on ${p.saidOn}${p.mark === 'current' ? '' : `, ${p.mark}`}: open the evidence`}
                        >
                          {p.saidOn} {p.stance === 'supports' ? '+' : '−'}
                          {p.mark === 'current' ? '' : ` (${p.mark})`}
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
