/**
 * Deterministic variety: the same case always gets the same wording (a manager who reopens a case sees
 * the same drafts), different cases get different wordings. FNV-1a over the key, then murmur3's
 * finaliser so that small moduli (3–5 phrasings) use every option evenly.
 */
export function seededIndex(n: number, ...key: string[]): number {
  let h = 0x811c9dc5;
  const s = key.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}
