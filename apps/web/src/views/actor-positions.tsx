import { useMemo } from 'preact/hooks';
import { Chart, ChartMark, ChartSpec } from '../components/chart';
import { QuerySelect } from '../components/query-controls';
import { ExportButtons, Loading, Section } from '../components/ui';
import { dateText, STANCE_COLOURS } from '../format';
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
  // ISO dates: code-unit order is date order (and far cheaper than localeCompare at 10,000s).
  return [...points.values()].sort((a, b) =>
    a.saidOn < b.saidOn ? -1 : a.saidOn > b.saidOn ? 1 : 0,
  );
}

const SHAPES: Record<StancePoint['mark'], ChartMark['shape']> = {
  current: 'circle',
  corrected: 'diamond',
  retracted: 'ring',
  withdrawn: 'ring',
};

/** The chart: one mark per stance, on its proposition's row, at its said date. */
export function positionsSpec(labels: string[], ids: string[], points: StancePoint[]): ChartSpec {
  const row = new Map(ids.map((id, i) => [id, i]));
  return {
    y: { categories: labels },
    lines: [],
    marks: points.map((p) => ({
      x: Date.parse(p.saidOn),
      y: row.get(p.propositionId)!,
      colour: STANCE_COLOURS[p.stance] ?? '#344054',
      shape: SHAPES[p.mark],
    })),
    describe: (hit) => {
      const p = 'mark' in hit ? points[hit.mark] : undefined;
      if (!p) return [];
      const mark = p.mark === 'current' ? '' : ` (${p.mark})`;
      return [
        `${p.stance}${mark} — ${labels[row.get(p.propositionId)!]}`,
        p.saidOn,
        'click for the evidence',
      ];
    },
  };
}

/** Before its data (`positions` undefined) the panel shows its chart loading. */
export function PositionsPanel(props: {
  positions: Position[] | undefined;
  points: StancePoint[];
  onOpen: (statementId: string) => void;
  onDrawn: () => void;
  role: string;
}) {
  const { points } = props;
  const positions = props.positions ?? [];
  const ids = positions.map((p) => p.propositionId);
  for (const p of points) if (!ids.includes(p.propositionId)) ids.push(p.propositionId);
  const labels = ids.map((id) => positions.find((p) => p.propositionId === id)?.proposition ?? id);
  const spec = useMemo(
    () => (props.positions ? positionsSpec(labels, ids, points) : null),
    [props.positions, points],
  );
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
      {props.positions && positions.length === 0 && points.length === 0 ? (
        <p class="muted">No stance on any proposition is recorded for this actor.</p>
      ) : (
        <>
          <p class="muted legend">
            <span>
              <b style={{ color: STANCE_COLOURS.supports }}>● supports</b> /{' '}
              <b style={{ color: STANCE_COLOURS.opposes }}>● opposes</b> by said date
            </span>
            <span>◆ corrected</span>
            <span>○ retracted or withdrawn (no longer counts)</span>
            <span>drag across to zoom, double-click to zoom out</span>
          </p>
          <Chart
            spec={spec}
            label={`Stances by date on ${ids.length} propositions; the table below lists them`}
            height={props.positions ? Math.max(200, 70 + 46 * ids.length) : 320}
            testId="positions-chart"
            onPick={(hit) => {
              const point = 'mark' in hit ? points[hit.mark] : undefined;
              if (point) props.onOpen(point.statementId);
            }}
            onDrawn={props.onDrawn}
          />
        </>
      )}
      <Loading when={!props.positions} what="the positions" />
      <div class="table-wrap" hidden={!props.positions}>
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
