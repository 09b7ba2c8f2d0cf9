/**
 * The dashboard's pure parts, without a browser: server-sent event parsing, CSV, period ends,
 * the charts' data, and the network's elements and one-pass layout.
 */
import { alignedData, ChartSpec, nearest, paddedRange, truncate } from './components/chart-model';
import { graphElements, rings } from './components/graph-model';
import { bucketEnd, toCsv } from './format';
import { parseEvents } from './sse';
import type { Graph } from './types';

describe('dashboard helpers', () => {
  it('parses server-sent events across chunk boundaries, keeping the unfinished rest', () => {
    const first = parseEvents(
      'retry: 1000\n: following every actor\n\nid: 7-1\nevent: statement.recorded\ndata: {"a":',
    );
    expect(first.events).toEqual([]);
    const second = parseEvents(
      `${first.rest}1}\n\nid: 7-2\r\nevent: alert.raised\r\ndata: {"b":2}\r\n\r\n: keep-alive\n\nid: 7`,
    );
    expect(second.events).toEqual([
      { id: '7-1', event: 'statement.recorded', data: '{"a":1}' },
      { id: '7-2', event: 'alert.raised', data: '{"b":2}' },
    ]);
    expect(second.rest).toBe('id: 7');
    expect(parseEvents('data: one\ndata: two\n\n').events).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('writes RFC 4180 CSV: quotes where needed, doubled quotes, CRLF, objects as JSON', () => {
    const csv = toCsv([
      { id: 'a', quote: 'He said "no", twice', n: 3 },
      { id: 'b', quote: 'line\nbreak', extra: { k: 1 } },
    ]);
    expect(csv).toBe(
      'id,quote,n,extra\r\na,"He said ""no"", twice",3,\r\nb,"line\nbreak",,"{""k"":1}"\r\n',
    );
  });

  it('ends a week bucket six days on and a month bucket on its last day', () => {
    expect(bucketEnd('2024-07-01', 'week')).toBe('2024-07-07');
    expect(bucketEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(bucketEnd('2023-12-01', 'month')).toBe('2023-12-31');
  });

  it('draws an edge per pair and status, styled by class, and lays big networks out in rings', () => {
    const small: Graph = {
      nodes: [
        { actorId: 'nato', name: 'NATO' },
        { actorId: 'china', name: 'China' },
      ],
      edges: [
        {
          accuserId: 'nato',
          accusedId: 'china',
          accusations: 4,
          byStatus: { open: 3, denied: 1, acknowledged: 0, withdrawn: 0 },
          firstSaidOn: null,
          lastSaidOn: null,
          allegations: [],
        },
      ],
    };
    const drawn = graphElements(small);
    expect(drawn.large).toBe(false);
    expect(drawn.relax).toBe(true);
    expect(drawn.edges.map((e) => [e.data.id, e.classes])).toEqual([
      ['nato>china>open', 'open w2'],
      ['nato>china>denied', 'denied w1'],
    ]);
    // Equal degrees: by id, so China is in the middle and NATO on the first ring.
    expect(drawn.nodes.map((n) => [n.data.id, n.position])).toEqual([
      ['nato', { x: expect.closeTo(39.3157, 3), y: expect.closeTo(21.4783, 3) }],
      ['china', { x: 0, y: 0 }],
    ]);

    const ids = Array.from({ length: 500 }, (_, i) => `a${i}`);
    const degree = new Map(ids.map((id, i) => [id, 500 - i]));
    const place = rings(ids, degree);
    expect(place.size).toBe(500);
    expect(place.get('a0')).toEqual({ x: 0, y: 0 });
    const radius = (id: string) => Math.hypot(place.get(id)!.x, place.get(id)!.y);
    expect(radius('a499')).toBeGreaterThan(radius('a10'));
    const spots = new Set([...place.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(spots.size).toBe(500);
  });

  it('aligns lines on the union of x values, with gaps, and gives marks alone one empty series', () => {
    const day = (d: number) => Date.UTC(2024, 0, d);
    const spec: ChartSpec = {
      y: { min: -10, max: 10, name: 'score' },
      marks: [{ x: day(5), y: 1, colour: '#000', shape: 'circle' }],
      lines: [
        {
          label: 'a',
          colour: '#111',
          points: [
            [day(3), 2],
            [day(1), -4],
          ],
        },
        { label: 'b', colour: '#222', points: [[day(3), 7]] },
      ],
      describe: () => [],
    };
    expect(alignedData(spec)).toEqual([
      [day(1), day(3), day(5)],
      [-4, 2, null],
      [null, 7, null],
    ]);
    expect(alignedData({ ...spec, lines: [] })).toEqual([[day(5)], [null]]);
  });

  it('pads the x range by 3 % or 15 days, picks the nearest point within reach, cuts labels', () => {
    const DAY = 86_400_000;
    expect(paddedRange(0, 0)).toEqual([-15 * DAY, 15 * DAY]);
    expect(paddedRange(0, 1000 * DAY)).toEqual([-30 * DAY, 1030 * DAY]);
    const points = [
      { hit: 'far', left: 50, top: 50 },
      { hit: 'near', left: 13, top: 14 },
      { hit: 'nearer', left: 11, top: 11 },
    ];
    expect(nearest(points, 10, 10, 10)).toBe('nearer');
    expect(nearest(points, 100, 100, 10)).toBeNull();
    expect(nearest([], 0, 0, 10)).toBeNull();
    expect(truncate('Sanctions on exports', 30)).toBe('Sanctions on exports');
    expect(truncate('Sanctions on exports', 10)).toBe('Sanctions…');
  });
});
