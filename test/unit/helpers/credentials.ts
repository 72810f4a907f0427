import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** Real credential files, made fresh for each test run (no key material is committed). */
export function p8Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
}

export function rsaPkcs8Pem(bits = 2048): string {
  return generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function p384Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function serviceAccountJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: 'shop-app-prod',
    private_key_id: 'a1b2c3',
    private_key: rsaPkcs8Pem(),
    client_email: 'firebase-adminsdk-x1y2z@shop-app-prod.iam.gserviceaccount.com',
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
    ...overrides,
  });
}

export interface P12Options {
  topic?: string;
  environment?: 'sandbox' | 'production' | 'both';
  notBefore?: Date;
  notAfter: Date;
  passphrase: string;
  withKey?: boolean;
}

/** An APNs-like push certificate in a .p12, made with node-forge from a Node-generated RSA key. */
export function p12File(options: P12Options): Buffer {
  const privatePem = rsaPkcs8Pem(2048);
  const key = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = options.notBefore ?? new Date(options.notAfter.getTime() - 365 * 86_400_000);
  cert.validity.notAfter = options.notAfter;
  const env = options.environment ?? 'both';
  const cn =
    env === 'sandbox'
      ? `Apple Development IOS Push Services: ${options.topic ?? 'app'}`
      : env === 'production'
        ? `Apple Production IOS Push Services: ${options.topic ?? 'app'}`
        : `Apple Push Services: ${options.topic ?? 'app'}`;
  const attrs: forge.pki.CertificateField[] = [{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Shop Inc.' }];
  if (options.topic) attrs.unshift({ type: '0.9.2342.19200300.100.1.1', value: options.topic });
  cert.setSubject(attrs);
  cert.setIssuer([{ name: 'commonName', value: 'Apple Worldwide Developer Relations Certification Authority' }]);
  const extensions: { id: string; value: string }[] = [];
  if (env === 'sandbox' || env === 'both') extensions.push({ id: '1.2.840.113635.100.6.3.1', value: '\u0005\u0000' });
  if (env === 'production' || env === 'both') extensions.push({ id: '1.2.840.113635.100.6.3.2', value: '\u0005\u0000' });
  cert.setExtensions(extensions);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(options.withKey === false ? null : key, [cert], options.passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export const b64 = (content: string | Buffer) => Buffer.from(content).toString('base64');
export const file = (fileName: string, content: string | Buffer) => ({ fileName, contentBase64: b64(content) });
