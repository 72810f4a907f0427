/**
 * A small seeded PRNG (mulberry32), for what must come out the same every run, which Math.random
 * can't: the simulators' fault injection ("seed 7 fails these three requests"), the demo workspace,
 * generated test and benchmark data. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
