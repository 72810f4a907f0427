import forge from 'node-forge';
import type { CredentialInspection } from '../../../../shared/domain/channel.js';
import { StudioError } from '../../../../shared/errors.js';
import type { Clock } from '../../clock.js';
import { fingerprintOf } from './fingerprint.js';

export interface ParsedP12 {
  inspection: Extract<CredentialInspection, { kind: 'p12' }>;
  expiresAt: Date;
}

const bad = (message: string) => new StudioError('invalid_input', message);
const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

/** Apple's push certificate extensions (development, production) and the subject's UID (the topic). */
const OID_APNS_DEVELOPMENT = '1.2.840.113635.100.6.3.1';
const OID_APNS_PRODUCTION = '1.2.840.113635.100.6.3.2';
const OID_UID = '0.9.2342.19200300.100.1.1';
const BAG = { cert: '1.2.840.113549.1.12.10.1.3', shroudedKey: '1.2.840.113549.1.12.10.1.2', key: '1.2.840.113549.1.12.10.1.1' };

function environmentOf(cert: forge.pki.Certificate, commonName: string): 'sandbox' | 'production' | 'both' {
  // forge's typings only admit numeric ids here, but it matches extensions by their OID string.
  const has = (oid: string) => cert.getExtension({ id: oid } as unknown as { id: number }) !== null;
  const dev = has(OID_APNS_DEVELOPMENT);
  const prod = has(OID_APNS_PRODUCTION);
  if (dev && prod) return 'both';
  if (prod) return 'production';
  if (dev) return 'sandbox';
  // Without Apple's extensions, fall back on the names Apple gives its certificates.
  if (/^Apple Development IOS Push Services/i.test(commonName) || /Sandbox/i.test(commonName)) return 'sandbox';
  if (/^Apple Production IOS Push Services/i.test(commonName)) return 'production';
  return 'both';
}

/**
 * An APNs certificate (.p12): it must open with the passphrase, hold a certificate and its private
 * key, and not be expired. Its topic (bundle id), environment and expiry are shown; 30 days
 * before expiry it warns.
 */
export function parseP12(content: Buffer, passphrase: string, clock: Clock): ParsedP12 {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(content.toString('binary')));
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
    } catch (error) {
      if (/password|MAC could not be verified|Invalid/i.test((error as Error).message)) {
        throw bad('The passphrase does not open this .p12 file. Use the password set when the certificate was exported from Keychain Access.');
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw bad('This file is not a .p12 (PKCS#12) certificate bundle. Export the push certificate with its private key from Keychain Access as .p12.');
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const certBags = bags(BAG.cert);
  const keyBags = [...bags(BAG.shroudedKey), ...bags(BAG.key)];
  const cert = certBags.find((bag) => bag.cert)?.cert;
  if (!cert) throw bad('This .p12 holds no certificate. Export the APNs certificate itself from Keychain Access.');
  if (!keyBags.some((bag) => bag.key)) {
    throw bad('This .p12 holds the certificate but not its private key. In Keychain Access, expand the certificate and export it together with its key.');
  }
  const commonName = String(cert.subject.getField('CN')?.value ?? '');
  const topic = cert.subject.getField({ type: OID_UID })?.value as string | undefined;
  const subject = cert.subject.attributes.map((a: forge.pki.CertificateField) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
  const expiresAt = cert.validity.notAfter;
  const now = clock.now();
  if (expiresAt.getTime() <= now.getTime()) {
    throw bad(`This certificate expired on ${expiresAt.toISOString().slice(0, 10)}. Create a new APNs certificate in Apple Developer, or switch to a .p8 key, which does not expire.`);
  }
  const warnings: string[] = [];
  const daysLeft = Math.floor((expiresAt.getTime() - now.getTime()) / DAY);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    warnings.push(`This certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${expiresAt.toISOString().slice(0, 10)}). Renew it in Apple Developer before then.`);
  }
  if (!topic) warnings.push('The certificate names no topic (UID), so its bundle ID cannot be checked.');
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    expiresAt,
    inspection: {
      kind: 'p12',
      fingerprint: fingerprintOf(der),
      subject,
      ...(topic ? { topic } : {}),
      environment: environmentOf(cert, commonName),
      expiresAt: expiresAt.toISOString(),
      warnings,
    },
  };
}

/** Refuses a certificate that cannot serve the channel's bundle id and environment. */
export function checkP12AgainstChannel(inspection: Extract<CredentialInspection, { kind: 'p12' }>, bundleId: string, environment: 'sandbox' | 'production'): void {
  if (inspection.topic && inspection.topic !== bundleId) {
    throw bad(`This certificate is for ${inspection.topic}, but the channel’s bundle ID is ${bundleId}.`);
  }
  if (inspection.environment !== 'both' && inspection.environment !== environment) {
    throw bad(
      `This certificate is for the ${inspection.environment} APNs environment, but the channel uses ${environment}. Choose ${inspection.environment}, or use a certificate for ${environment}.`,
    );
  }
}
