import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../main/services/ids';

describe('time-ordered UUIDs (apns-id)', () => {
  it('are canonical version 7 UUIDs that sort in the order they were made, even within a millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedUuid(1_800_000_000_000));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || ids[i - 1]! < id)).toBe(true);
    // The clock going back never makes an id sort before the last one.
    const later = timeOrderedUuid(1_700_000_000_000);
    expect(later > ids.at(-1)!).toBe(true);
  });
});
