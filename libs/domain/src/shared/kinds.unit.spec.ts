import { classify, KINDS, STATEMENT_KINDS } from './kinds';

describe('CAMEO classification', () => {
  it('gives every kind its default code and Goldstein weight', () => {
    expect(STATEMENT_KINDS.map((kind) => [kind, classify(kind)])).toEqual(
      STATEMENT_KINDS.map((kind) => [
        kind,
        { cameo: KINDS[kind].cameo, goldstein: KINDS[kind].goldstein },
      ]),
    );
    expect(classify('appeal')).toEqual({ cameo: '020', goldstein: 3 });
    expect(classify('rejection')).toEqual({ cameo: '120', goldstein: -4 });
  });

  it('refines within a family and refuses codes of another family', () => {
    expect(classify('warning', '138')).toEqual({ cameo: '138', goldstein: -7 });
    expect(classify('accusation', '1123')).toEqual({ cameo: '1123', goldstein: -2 });
    expect(classify('praise', '112')).toBeNull();
  });
});
