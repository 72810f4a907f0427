/**
 * Deterministic splits: a profile's bucket (0–9999) is a hash of its id and the journey's id, so
 * the same profile takes the same path in every run of the journey (dry run, test, live), and
 * different journeys split independently.
 */
export function splitBucket(profileId: number, journeyId: string): number {
  // FNV-1a, 32 bits, over "profileId:journeyId".
  const text = `${profileId}:${journeyId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that consecutive ids spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % 10_000;
}

/** The path a bucket falls in: percents are cumulative in order; a remainder goes to the last path. */
export function pickSplitPath(paths: { id: string; percent: number }[], bucket: number): string {
  let upTo = 0;
  for (const path of paths) {
    upTo += Math.round(path.percent * 100);
    if (bucket < upTo) return path.id;
  }
  return paths.at(-1)!.id;
}
