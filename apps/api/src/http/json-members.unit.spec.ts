import { firstRepeatedMember } from './json-members';

describe('firstRepeatedMember', () => {
  it.each([
    ['{"kind":"denial","kind":"accusation"}', 'kind'],
    ['{"saidAt":{"date":"2024-07-11","date":"2024-07-12"}}', 'saidAt.date'],
    ['{"stances":[{"stance":"supports"},{"stance":"a","stance":"b"}]}', 'stances[1].stance'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"newActors":[{"name":"x"}],"quote":"q","newActors":[]}', 'newActors'],
  ])('%s repeats %s', (json, path) => {
    expect(firstRepeatedMember(json)).toBe(path);
  });

  it.each([
    '{"a":{"b":1},"b":{"a":2}}',
    '[{"a":1},{"a":2}]',
    '{"quote":"he said \\"kind\\": \\"kind\\"","kind":"claim"}',
    '{"a":"{\\"a\\":1,\\"a\\":2}"}',
    'not json at all',
    '{"unterminated',
  ])('finds nothing repeated in %s', (json) => {
    expect(firstRepeatedMember(json)).toBeNull();
  });

  it('agrees with JSON.parse on which bodies lose a member', () => {
    const bodies = [
      { a: 1, b: { c: [1, { d: 2 }] } },
      { x: [{ y: 1 }, { y: 2 }], z: 'a,"b":1' },
    ];
    for (const body of bodies) expect(firstRepeatedMember(JSON.stringify(body))).toBeNull();
  });
});
