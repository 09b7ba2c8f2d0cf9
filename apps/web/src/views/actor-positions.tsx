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
 * A stance whose statement was corrected is marked so (as far as the loaded lists tell).
 */
export function stancePoints(
  positions: Position[],
  withdrawn: StatementItem[],
  corrected: Set<string>,
): StancePoint[] {
  const points = new Map<string, StancePoint>();
  for (const position of positions) {
    const add = (
      statementId: string,
      stance: string,
      saidOn: string | null,
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
        mark: corrected.has(statementId) ? 'corrected' : 'current',
      });
    };
    for (const e of position.evidence) add(e.statementId, e.stance, e.saidOn, e.dateBasis);
    for (const s of position.shifts) add(s.statementId, s.to, s.saidOn);
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

const SYMBOL: Record<StancePoint['mark'], string> = {
  current: 'circle',
  corrected: 'diamond',
  retracted: 'emptyCircle',
  withdrawn: 'emptyCircle',
};

function positionsOption(labels: string[], ids: string[], points: StancePoint[]): ChartOption {
  const series = (['supports', 'opposes'] as const).map((stance) => ({
    name: stance,
    type: 'scatter',
    symbolSize: 13,
    itemStyle: { color: STANCE_COLOURS[stance] },
    data: points
      .filter((p) => p.stance === stance)
      .map((p) => ({
        value: [p.saidOn, ids.indexOf(p.propositionId)],
        statementId: p.statementId,
        mark: p.mark,
        symbol: SYMBOL[p.mark],
        itemStyle:
          p.mark === 'retracted' || p.mark === 'withdrawn'
            ? { color: '#667085', borderType: 'dashed' }
            : undefined,
      })),
  }));
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 56, containLabel: true },
    legend: { top: 0, data: ['supports', 'opposes'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: { value: [string, number]; mark: string } }) =>
        `${p.seriesName} — ${labels[p.data.value[1]]}<br/>${p.data.value[0]}${
          p.data.mark === 'current' ? '' : ` (${p.data.mark})`
        }<br/>click for the evidence`,
    },
    xAxis: dayAxis('said'),
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    dataZoom: [
      { type: 'slider', xAxisIndex: 0, bottom: 8 },
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
              const data = event.data as { statementId?: string };
              if (data?.statementId) props.onOpen(data.statementId);
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
