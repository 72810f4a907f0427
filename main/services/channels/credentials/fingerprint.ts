import { type KeyObject, createHash, createPublicKey } from 'node:crypto';

/** "SHA256 1a2b 3c4d 5e6f 7a8b": enough to tell keys apart at a glance, nothing to attack. */
export function fingerprintOf(bytes: Buffer): string {
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `SHA256 ${hex.match(/.{4}/g)?.join(' ')}`;
}

export function publicKeyFingerprint(privateKey: KeyObject): string {
  return fingerprintOf(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}
