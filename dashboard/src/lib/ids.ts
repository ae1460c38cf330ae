/**
 * A random UUID v4 for Idempotency-Key headers. Uses crypto.randomUUID where available (secure
 * contexts) and falls back to crypto.getRandomValues, which also works over plain http.
 */
export function newIdempotencyKey(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Keeps one Idempotency-Key per form submission. A submission that got no answer at all (network
 * failure) may be retried with the same body and reuses its key, so the server cannot apply it
 * twice; any answer from the server, or a different body, starts a new key.
 */
export class SubmissionKeys {
  private pending: { key: string; body: string } | null = null;

  constructor(private readonly generate: () => string = () => newIdempotencyKey()) {}

  /** The key to send for this body. */
  keyFor(body: unknown): string {
    const serialized = JSON.stringify(body);
    if (this.pending && this.pending.body === serialized) return this.pending.key;
    this.pending = { key: this.generate(), body: serialized };
    return this.pending.key;
  }

  /** Call when the server answered (success or error): the next submission gets a fresh key. */
  settled(): void {
    this.pending = null;
  }
}
