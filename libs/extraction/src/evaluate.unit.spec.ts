import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Candidate, evaluate, extract, GoldStatement } from './index';

const candidate = (
  speaker: string,
  kind: Candidate['kind'],
  start: number,
  end: number,
  targets: string[] = [],
): Candidate => ({
  speaker: { id: speaker, name: speaker },
  principal: null,
  kind,
  targets: targets.map((id) => ({ id, name: id })),
  quote: null,
  allegation: null,
  text: '',
  start,
  end,
  confidence: 0.9,
  via: 'named',
  verb: null,
});

describe('evaluate', () => {
  const text = 'Chile warned Peru. Peru denied it. Bolivia said nothing new.';
  const gold: GoldStatement[] = [
    {
      anchor: 'Chile warned',
      speaker: 'chile',
      principal: null,
      kind: 'warning',
      targets: ['peru'],
    },
    { anchor: 'Peru denied', speaker: 'peru', principal: null, kind: 'denial', targets: [] },
    { anchor: 'Bolivia said', speaker: 'bolivia', principal: null, kind: 'statement', targets: [] },
  ];

  it('scores speaker + kind, speaker alone and targets, one to one within the anchor’s span', () => {
    const result = evaluate([
      {
        name: 'doc',
        text,
        gold,
        extracted: [
          candidate('chile', 'warning', 0, 18, ['peru']),
          candidate('peru', 'statement', 19, 34), // right speaker, wrong kind
          candidate('peru', 'denial', 35, 60), // right kind, wrong place
        ],
      },
    ]);
    expect(result.speakerKind).toMatchObject({ matched: 1, precision: 0.333, recall: 0.333 });
    expect(result.speaker).toMatchObject({ matched: 2, precision: 0.667, recall: 0.667 });
    expect(result.targetAccuracy).toBe(1);
    expect(result.misses.map((m) => m.gold.anchor)).toEqual(['Peru denied', 'Bolivia said']);
    expect(result.spurious).toHaveLength(2);
  });

  it('refuses an anchor that is missing or not unique', () => {
    expect(() =>
      evaluate([{ name: 'doc', text, gold: [{ ...gold[0], anchor: 'Peru' }], extracted: [] }]),
    ).toThrow(/exactly once/);
  });
});

describe('the development corpus', () => {
  const dir = join(__dirname, '../../../test/fixtures/extraction/dev');
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const gold = JSON.parse(
        readFileSync(join(dir, file.replace(/\.txt$/, '.gold.json')), 'utf8'),
      ) as GoldStatement[];
      return { name: file, text, gold, extracted: extract(text) };
    });

  it('has at least 15 articles and 80 labelled statements', () => {
    expect(documents.length).toBeGreaterThanOrEqual(15);
    expect(documents.reduce((n, d) => n + d.gold.length, 0)).toBeGreaterThanOrEqual(80);
  });

  it('is extracted with speaker + kind F1 ≥ 0.85 and target accuracy ≥ 0.8', () => {
    const result = evaluate(documents);
    expect(result.speakerKind.f1).toBeGreaterThanOrEqual(0.85);
    expect(result.targetAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});
