import { given } from '../testing/given';
import { checkSpan, sourceDecider } from './source';

const SHA = 'a'.repeat(64);
const ID = '6f1c2d7e-3b7a-4a55-9a43-0c9d2f2c1b11';

describe('source', () => {
  it('registers a document with url, publisher, title, time and text hash', () => {
    const events = given(sourceDecider)
      .when({
        type: 'RegisterSource',
        sourceId: ID,
        url: 'https://news.example/nato-china',
        publisher: 'Example News',
        title: 'China warns NATO',
        publishedAt: '2024-07-11T10:00:00+02:00',
        text: 'China on Thursday warned…',
        sha256: SHA,
      })
      .then();
    expect(events[0].data).toEqual({
      sourceId: ID,
      url: 'https://news.example/nato-china',
      publisher: 'Example News',
      title: 'China warns NATO',
      publishedAt: '2024-07-11T08:00:00.000Z',
      sha256: SHA,
      text: 'China on Thursday warned…',
    });
  });

  it.each([
    [{ url: 'ftp://x' }, 'url'],
    [{ url: undefined, text: undefined }, 'url'],
    [{ sha256: 'XYZ' }, 'sha256'],
    [{ sha256: undefined }, 'sha256'],
    [{ publishedAt: 'yesterday' }, 'publishedAt'],
    [{ sourceId: 'nope' }, 'sourceId'],
  ])('refuses %j naming %s', (override, field) => {
    const error = given(sourceDecider)
      .when({
        type: 'RegisterSource',
        sourceId: ID,
        url: 'https://news.example/a',
        text: 'body',
        sha256: SHA,
        ...override,
      })
      .thenError();
    expect(error).toMatchObject({ category: 'invalid', field });
  });

  it('registers a source once', () => {
    const past = given(sourceDecider)
      .when({ type: 'RegisterSource', sourceId: ID, url: 'https://news.example/a' })
      .then();
    expect(
      given(sourceDecider, past)
        .when({ type: 'RegisterSource', sourceId: ID, url: 'https://news.example/a' })
        .thenError(),
    ).toMatchObject({
      code: 'source-exists',
    });
  });

  it('checks character spans against the text length', () => {
    expect(checkSpan({ start: 0, end: 5 }, 'span', 10)).toEqual({ start: 0, end: 5 });
    expect(() => checkSpan({ start: 5, end: 5 }, 'span', 10)).toThrow(
      expect.objectContaining({ field: 'span.end' }),
    );
    expect(() => checkSpan({ start: 2, end: 11 }, 'span', 10)).toThrow(/past the end/);
    expect(() => checkSpan({ start: -1, end: 1 }, 'span', null)).toThrow(
      expect.objectContaining({ field: 'span.start' }),
    );
  });
});
