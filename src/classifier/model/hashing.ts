/** FNV-1a, 32 bits, over UTF-16 code units: tiny, fast in V8 (Math.imul), and stable across platforms. */
export function fnv1a(text: string): number {
  return fnv1aFrom(0x811c9dc5, text);
}

/** Continues a hash: fnv1aFrom(fnv1a("w:"), "worst") === fnv1a("w:worst"), without building the string. */
export function fnv1aFrom(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded PRNG (mulberry32) so shuffles are the same on every machine for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
