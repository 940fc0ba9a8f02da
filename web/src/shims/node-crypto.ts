/**
 * The one piece of node:crypto the preset code (src/presets/expand.ts) uses, for the browser:
 * `createHash('sha256').update(text).digest('hex')`, synchronous because addon ids are computed
 * inline. The page bundles the server's preset code to preview expansions (see lib/expansion.ts);
 * web/vite.config.ts and web/tsconfig.json point `node:crypto` here. Not for secrets: it only
 * hashes addon identifiers such as "RD" or "multi".
 */

/** SHA-256's round constants and initial state: fractional bits of cube and square roots of primes. */
function primeFractions(count: number, root: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let n = 2, found = 0; found < count; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    const r = n ** (1 / root);
    out[found++] = ((r - Math.floor(r)) * 2 ** 32) >>> 0;
  }
  return out;
}

const K = primeFractions(64, 3);
const H0 = primeFractions(8, 2);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function sha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  // Message, a 1 bit, zeros, then the bit length as 64 bits: a whole number of 64-byte blocks.
  const blocks = Math.ceil((data.length + 9) / 64);
  const bytes = new Uint8Array(blocks * 64);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(bytes.length - 8, Math.floor((data.length * 8) / 2 ** 32));
  view.setUint32(bytes.length - 4, (data.length * 8) >>> 0);
  const h = H0.slice();
  const w = new Uint32Array(64);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = Array.from(h) as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) >>> 0));
  }
  return [...h].map((v) => v.toString(16).padStart(8, '0')).join('');
}

export function createHash(algorithm: 'sha256') {
  if (algorithm !== 'sha256') throw new Error(`only sha256 is available in the page, not ${String(algorithm)}`);
  let text = '';
  const hash = {
    update(chunk: string) {
      text += chunk;
      return hash;
    },
    digest: (_encoding: 'hex') => sha256Hex(text),
  };
  return hash;
}
