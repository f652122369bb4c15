// Deterministic identifiers under a seed: a small PRNG for ids and fault rolls, HMAC for secrets. Tokens and Guids are
// HMAC-SHA256(seed-derived key, kind:counter): unguessable without the seed, yet the same seed and the same sequence
// of requests give the same values.
import { createHash, createHmac } from 'node:crypto';

/** sfc32, seeded from SHA-256 of the seed text: fast, good enough for ids and fault rolls, never for secrets. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    const h = createHash('sha256').update(seed).digest();
    [this.a, this.b, this.c, this.d] = [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A number in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }
}

export class IdSource {
  private readonly prng: Prng;
  private readonly key: Buffer;
  private counter = 0;

  /** `marker` (test-only, MOCK_SECRET_MARKER) starts every secret(), so leaked tokens and Guids can be found. */
  constructor(seed: string, private readonly marker = '') {
    this.prng = new Prng(`${seed}:ids`);
    this.key = createHash('sha256').update(`${seed}:secrets`).digest();
  }

  /** n decimal digits, the first not zero. */
  digits(n: number): string {
    let s = String(1 + Math.floor(this.prng.next() * 9));
    while (s.length < n) s += String(Math.floor(this.prng.next() * 10));
    return s;
  }

  hex(n: number): string {
    let s = '';
    while (s.length < n) s += Math.floor(this.prng.next() * 16).toString(16);
    return s;
  }

  /** A version-4-shaped UUID (objectKeys, message codes). */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** An unguessable, reproducible secret (tokens, Guids): base64url of HMAC-SHA256 over kind and a counter. */
  secret(kind: string, bytes = 32): string {
    return this.marker + createHmac('sha256', this.key).update(`${kind}:${++this.counter}`).digest().subarray(0, bytes).toString('base64url');
  }
}
