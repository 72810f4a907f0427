import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';

/** The bundle id the sandbox's APNs key may send to, and its iOS devices are built with. */
export const SANDBOX_BUNDLE_ID = 'com.journeystudio.sandbox';
/** The Firebase project of the sandbox's service account, and the package of its Android devices. */
export const SANDBOX_PROJECT_ID = 'journey-studio-sandbox';
export const SANDBOX_ANDROID_PACKAGE = 'com.journeystudio.sandbox';

const appleId = z.string().regex(/^[A-Z0-9]{10}$/, 'must be 10 characters, A-Z and 0-9');

/** An APNs token-auth key as Apple hands it out: the .p8 file plus its key id and team id. */
export const apnsTokenKeySchema = z.object({
  keyId: appleId,
  teamId: appleId,
  /** The .p8 file's content: an EC P-256 private key, PKCS#8 PEM. */
  privateKeyPem: z.string().includes('-----BEGIN PRIVATE KEY-----'),
  /** The bundle ids (topics) the key may send to. */
  bundleIds: z.array(z.string().min(1)).min(1),
});
export type ApnsTokenKey = z.infer<typeof apnsTokenKeySchema>;

/** The fields of a Google service-account JSON file that matter here (others pass through). */
export const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key_id: z.string().min(1),
  private_key: z.string().includes('-----BEGIN PRIVATE KEY-----'),
  client_email: z.string().includes('@'),
  client_id: z.string().optional(),
  token_uri: z.url(),
});
export type ServiceAccountJson = z.infer<typeof serviceAccountSchema>;

export const sandboxCredentialsSchema = z.object({ apns: apnsTokenKeySchema, fcm: serviceAccountSchema });
export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

function appleIdentifier(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A new APNs .p8 key (EC P-256, PKCS#8) with a 10-character key id and team id. */
export function generateApnsTokenKey(bundleIds: string[] = [SANDBOX_BUNDLE_ID]): ApnsTokenKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return { keyId: appleIdentifier(), teamId: appleIdentifier(), privateKeyPem: privateKey, bundleIds };
}

/**
 * A new service-account JSON in Google's format (RSA 2048, PKCS#8). `tokenUri` should be the FCM
 * simulator's token endpoint; the simulator also accepts Google's own URL as audience, because
 * google-auth-library signs for https://oauth2.googleapis.com/token whatever token_uri says.
 */
export function generateServiceAccount(options: { projectId?: string; tokenUri: string }): ServiceAccountJson {
  const projectId = options.projectId ?? SANDBOX_PROJECT_ID;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const clientEmail = `firebase-adminsdk-${randomBytes(3).toString('hex').slice(0, 5)}@${projectId}.iam.gserviceaccount.com`;
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey,
    client_email: clientEmail,
    client_id: String(BigInt(`0x${randomUUID().replaceAll('-', '').slice(0, 16)}`)),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: options.tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}

/** Both sandbox credentials, new. The caller may persist them and pass them back at the next start. */
export function generateSandboxCredentials(options: { tokenUri: string; bundleId?: string; projectId?: string }): SandboxCredentials {
  return {
    apns: generateApnsTokenKey([options.bundleId ?? SANDBOX_BUNDLE_ID]),
    fcm: generateServiceAccount({ tokenUri: options.tokenUri, ...(options.projectId ? { projectId: options.projectId } : {}) }),
  };
}

/** The public half of a PEM key, whichever half was given (the .p8 private key or an SPKI public key). */
export function publicKeyFromPem(pem: string) {
  return pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
}
