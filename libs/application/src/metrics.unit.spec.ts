import { prometheusText } from './metrics';

describe('prometheusText', () => {
  it('writes HELP, TYPE and samples with escaped labels', () => {
    expect(
      prometheusText([
        {
          name: 'st_relay_lag_events',
          help: 'Events not yet published',
          type: 'gauge',
          samples: [{ labels: { relay: 'main "a"' }, value: 3 }],
        },
        { name: 'st_events_head', help: 'Head', type: 'gauge', samples: [{ value: 42 }] },
      ]),
    ).toBe(
      '# HELP st_relay_lag_events Events not yet published\n# TYPE st_relay_lag_events gauge\nst_relay_lag_events{relay="main \\"a\\""} 3\n' +
        '# HELP st_events_head Head\n# TYPE st_events_head gauge\nst_events_head 42\n',
    );
  });
});
