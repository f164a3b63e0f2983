import { newEventId } from './event-id';

describe('newEventId', () => {
  it('is a version 7 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 1_000; i += 1) {
      expect(newEventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('starts with the creation time in milliseconds, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 10, 25, 8, 0, 0, 123);
    expect(newEventId(at).replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
    const earlier = newEventId(at);
    const later = newEventId(at + 1);
    expect(later > earlier).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 100_000 }, () => newEventId(0)));
    expect(ids.size).toBe(100_000);
  });
});
