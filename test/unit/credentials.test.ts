import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { guessCredentialKind, inspectCredential } from '../../main/services/channels/credentials/inspect';
import { checkP12AgainstChannel, parseP12 } from '../../main/services/channels/credentials/p12';
import { parseP8 } from '../../main/services/channels/credentials/p8';
import { parseServiceAccount } from '../../main/services/channels/credentials/service-account';
import { file, p12File, p384Pem, p8Pem, rsaPkcs8Pem, sec1Pem, serviceAccountJson } from './helpers/credentials';

const now = new Date('2026-11-28T12:00:00Z');
const clock = { now: () => now };
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid_input');
    return (error as StudioError).message;
  }
  throw new Error('expected a refusal');
}

describe('.p8 APNs keys', () => {
  it('accepts a PKCS#8 EC P-256 key, fingerprints it and reads the key id from AuthKey_<ID>.p8', () => {
    const parsed = parseP8(Buffer.from(p8Pem()), 'AuthKey_AB12CD34EF.p8');
    expect(parsed.inspection).toMatchObject({ kind: 'p8', keyIdFromFileName: 'AB12CD34EF', warnings: [] });
    expect(parsed.inspection.fingerprint).toMatch(/^SHA256 [0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  });

  it.each([
    ['an SEC1 EC key', () => sec1Pem(), 'older SEC1 format'],
    ['an RSA key', () => rsaPkcs8Pem(1024), 'This is an RSA key'],
    ['a P-384 key', () => p384Pem(), 'secp384r1 curve'],
    ['a certificate', () => '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'not an APNs auth key'],
    ['random text', () => 'hello', 'is not a .p8 key'],
    ['a damaged PEM', () => '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'damaged'],
    ['an encrypted key', () => '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----', 'encrypted with a password'],
  ])('refuses %s with a message that says what is wrong', (_what, make, expected) => {
    expect(message(() => parseP8(Buffer.from(make()), 'key.p8'))).toContain(expected);
  });
});

describe('.p12 APNs certificates', () => {
  it('opens with the passphrase and shows topic, environment, expiry and fingerprint', () => {
    const p12 = p12File({ topic: 'com.shop.app', environment: 'production', notAfter: days(200), passphrase: 'pw' });
    const { inspection } = parseP12(p12, 'pw', clock);
    expect(inspection).toMatchObject({ kind: 'p12', topic: 'com.shop.app', environment: 'production', warnings: [] });
    expect(inspection.expiresAt).toBe(days(200).toISOString().replace(/\.\d{3}Z$/, '.000Z'));
    expect(inspection.subject).toContain('Apple Production IOS Push Services: com.shop.app');
  });

  it('tells sandbox, production and universal certificates apart', () => {
    for (const environment of ['sandbox', 'production', 'both'] as const) {
      const p12 = p12File({ topic: 'com.shop.app', environment, notAfter: days(100), passphrase: '' });
      expect(parseP12(p12, '', clock).inspection.environment).toBe(environment);
    }
  });

  it('refuses a wrong passphrase', () => {
    const p12 = p12File({ topic: 'com.shop.app', notAfter: days(100), passphrase: 'right' });
    expect(message(() => parseP12(p12, 'wrong', clock))).toContain('passphrase does not open');
  });

  it('refuses an expired certificate, and warns 30 days before expiry', () => {
    const expired = p12File({ topic: 'com.shop.app', notAfter: days(-1), passphrase: 'x' });
    expect(message(() => parseP12(expired, 'x', clock))).toContain('expired on');
    const soon = p12File({ topic: 'com.shop.app', notAfter: days(12), passphrase: 'x' });
    expect(parseP12(soon, 'x', clock).inspection.warnings).toEqual([expect.stringContaining('expires in 12 days')]);
    const later = p12File({ topic: 'com.shop.app', notAfter: days(45), passphrase: 'x' });
    expect(parseP12(later, 'x', clock).inspection.warnings).toEqual([]);
  });

  it('refuses a file without the private key, and a file that is not PKCS#12', () => {
    const noKey = p12File({ topic: 'com.shop.app', notAfter: days(100), passphrase: 'x', withKey: false });
    expect(message(() => parseP12(noKey, 'x', clock))).toContain('not its private key');
    expect(message(() => parseP12(Buffer.from('not a p12'), 'x', clock))).toContain('not a .p12');
  });

  it('refuses a certificate for another bundle id or environment', () => {
    const p12 = p12File({ topic: 'com.shop.app', environment: 'sandbox', notAfter: days(100), passphrase: '' });
    const { inspection } = parseP12(p12, '', clock);
    expect(message(() => checkP12AgainstChannel(inspection, 'com.other.app', 'sandbox'))).toContain('is for com.shop.app');
    expect(message(() => checkP12AgainstChannel(inspection, 'com.shop.app', 'production'))).toContain('sandbox APNs environment');
    expect(() => checkP12AgainstChannel(inspection, 'com.shop.app', 'sandbox')).not.toThrow();
  });
});

describe('FCM service accounts', () => {
  it('reads project id and client email and fingerprints the key', () => {
    const parsed = parseServiceAccount(Buffer.from(serviceAccountJson()), 'sa.json');
    expect(parsed.inspection).toMatchObject({ kind: 'serviceAccount', projectId: 'shop-app-prod', warnings: [] });
    expect(parsed.account.tokenUri).toBe('https://oauth2.googleapis.com/token');
  });

  it.each([
    ['not JSON', '{oops', 'is not JSON'],
    ['a JSON array', '[]', 'not a service account key file'],
    ['another credential type', JSON.stringify({ type: 'authorized_user' }), '“authorized_user” credential'],
    ['missing fields', JSON.stringify({ type: 'service_account', project_id: 'p' }), 'has no client_email, private_key'],
  ])('refuses %s', (_what, content, expected) => {
    expect(message(() => parseServiceAccount(Buffer.from(content), 'sa.json'))).toContain(expected);
  });

  it('refuses a private key that does not parse, or is not RSA', () => {
    expect(message(() => parseServiceAccount(Buffer.from(serviceAccountJson({ private_key: 'nope' })), 'sa.json'))).toContain('does not parse');
    expect(message(() => parseServiceAccount(Buffer.from(serviceAccountJson({ private_key: p8Pem() })), 'sa.json'))).toContain('not an RSA key');
  });

  it('accepts a file with a byte-order mark', () => {
    expect(parseServiceAccount(Buffer.from(`\uFEFF${serviceAccountJson()}`), 'sa.json').account.projectId).toBe('shop-app-prod');
  });
});

describe('dropped files', () => {
  it('are recognised by content', () => {
    expect(guessCredentialKind(file('AuthKey_X.p8', p8Pem()))).toBe('p8');
    expect(guessCredentialKind(file('sa.json', serviceAccountJson()))).toBe('serviceAccount');
    expect(guessCredentialKind(file('push.p12', p12File({ notAfter: days(10), passphrase: '' })))).toBe('p12');
    expect(() => inspectCredential('auto', file('notes.txt', 'hello'), undefined, clock)).toThrow(/not a credential the studio knows/);
    expect(() => inspectCredential('auto', file('empty.p8', ''), undefined, clock)).toThrow(/is empty/);
  });
});
