/**
 * 32-bit fingerprints of identities and tokens, and a set of them in one typed array: how a bulk
 * load (bulk-load.ts) knows, without an index, that a record is certainly new. Pure: the reading
 * worker computes each record's keys, the writer keeps the set.
 */

/**
 * A 32-bit fingerprint of a string, never 0: cyrb53's two lanes (each code unit mixed into both),
 * folded. FNV-1a collided twenty times more often than chance on keys that differ in a few digits.
 */
export function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0 || 1;
}

export const identityKey = (namespace: string, value: string) => fingerprint(`i\u0000${namespace}\u0000${value}`);
export const tokenKey = (appId: string, token: string) => fingerprint(`t\u0000${appId}\u0000${token}`);

/** A set of 32-bit fingerprints in one typed array (linear probing, at most 3/4 full): 32 MB at 5M keys. */
export class FingerprintSet {
  private table = new Uint32Array(1 << 20);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint; true if it was already there. */
  add(fp: number): boolean {
    let mask = this.table.length - 1;
    let i = fp & mask;
    for (;;) {
      const slot = this.table[i]!;
      if (slot === 0) break;
      if (slot === fp) return true;
      i = (i + 1) & mask;
    }
    this.table[i] = fp;
    this.count += 1;
    if (this.count * 4 > this.table.length * 3) {
      const old = this.table;
      this.table = new Uint32Array(old.length * 2);
      mask = this.table.length - 1;
      for (const v of old) {
        if (v === 0) continue;
        let j = v & mask;
        while (this.table[j] !== 0) j = (j + 1) & mask;
        this.table[j] = v;
      }
    }
    return false;
  }
}
