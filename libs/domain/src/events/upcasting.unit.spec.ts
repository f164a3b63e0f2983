import { foldInspection, statusOf } from '../inspection/inspection.decider';
import { history } from '../inspection/testing/inspection.fixtures';
import { PUBLISHED_V1, PUBLISHED_V1_TO_V2, PUBLISHED_V2 } from '../inspection/testing/published-v2.example';
import { upcastEvent, upcasterOf, type UpcastStep } from './upcasting';

describe('upcasting', () => {
  const upcast = upcasterOf([PUBLISHED_V1_TO_V2]);

  it('passes an event of a type without steps through as the same object (production has none yet)', () => {
    const [drawn] = history.drawn();
    expect(upcast(drawn!)).toBe(drawn);
    for (const event of history.published()) expect(upcastEvent(event)).toBe(event);
  });

  it('reads a stored v1 as v2, keeping everything but type and data', () => {
    const published = history.published().at(-1)!;
    expect(published.type).toBe(PUBLISHED_V1);
    expect(upcast(published)).toEqual({ ...published, type: PUBLISHED_V2, data: { publishedOn: '2026-03-20', recordUrl: null } });
    expect(published.type).toBe(PUBLISHED_V1); // the stored event is never changed
  });

  it('an old stored event still folds after its type moved to v2', () => {
    const state = foldInspection(history.published().map(upcast));
    expect(statusOf(state.snapshot).lifecycle).toBe('published');
    expect(state.snapshot.context.publication).toMatchObject({ publishedOn: '2026-03-20' });
  });

  it('chains v1 → v2 → v3 whatever order the steps are listed in', () => {
    const steps: UpcastStep<never, unknown>[] = [
      { from: 'Thing.v2', to: 'Thing.v3', upcast: (data: { a: number; b: number }) => ({ sum: data.a + data.b }) },
      { from: 'Thing.v1', to: 'Thing.v2', upcast: (data: { a: number }) => ({ a: data.a, b: 10 }) },
    ];
    const chained = upcasterOf(steps);
    expect(chained({ type: 'Thing.v1', data: { a: 1 } })).toEqual({ type: 'Thing.v3', data: { sum: 11 } });
    expect(chained({ type: 'Thing.v2', data: { a: 1, b: 2 } })).toEqual({ type: 'Thing.v3', data: { sum: 3 } });
    const v3 = { type: 'Thing.v3', data: { sum: 0 } };
    expect(chained(v3)).toBe(v3);
  });

  it('refuses steps that could loop or clash', () => {
    const step = (from: string, to: string): UpcastStep<never, unknown> => ({ from, to, upcast: (data) => data });
    expect(() => upcasterOf([step('Thing.v2', 'Thing.v1')])).toThrow(/later version/);
    expect(() => upcasterOf([step('Thing.v1', 'Other.v2')])).toThrow(/same type/);
    expect(() => upcasterOf([step('Thing.v1', 'Thing.v2'), step('Thing.v1', 'Thing.v3')])).toThrow(/twice/);
    expect(() => upcasterOf([step('Thing', 'Thing.v2')])).toThrow(/Name\.vN/);
  });
});
