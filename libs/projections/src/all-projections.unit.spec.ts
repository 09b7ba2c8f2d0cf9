import { DOMAIN_EVENT_TYPES } from '@app/domain';
import { ALL_PROJECTIONS, UNPROJECTED_EVENTS } from './all-projections';

describe('the read models and the domain events', () => {
  const domain = new Set<string>(DOMAIN_EVENT_TYPES);

  it.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s reads only events the domain emits',
    (_name, projection) => {
      expect([...projection.handles].filter((type) => !domain.has(type))).toEqual([]);
      expect(projection.handles.size).toBeGreaterThan(0);
    },
  );

  it('reads every domain event in some read model, or lists it as not projected', () => {
    const handled = new Set<string>(ALL_PROJECTIONS.flatMap((p) => [...p.handles]));
    const ignored = new Set<string>(UNPROJECTED_EVENTS);
    expect(DOMAIN_EVENT_TYPES.filter((type) => !handled.has(type) && !ignored.has(type))).toEqual(
      [],
    );
    // Nothing is both read and listed as not read, and the list names only domain events.
    expect(UNPROJECTED_EVENTS.filter((type) => handled.has(type))).toEqual([]);
    expect(UNPROJECTED_EVENTS.filter((type) => !domain.has(type))).toEqual([]);
  });
});
