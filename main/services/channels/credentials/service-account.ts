import { type KeyObject, createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import type { CredentialInspection } from '../../../../shared/domain/channel.js';
import { StudioError } from '../../../../shared/errors.js';
import { publicKeyFingerprint } from './fingerprint.js';

export interface ServiceAccount {
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
  privateKeyId?: string;
  tokenUri: string;
}

export interface ParsedServiceAccount {
  account: ServiceAccount;
  key: KeyObject;
  /** The file as stored in the vault (normalised JSON). */
  json: string;
  inspection: Extract<CredentialInspection, { kind: 'serviceAccount' }>;
}

const bad = (message: string) => new StudioError('invalid_input', message);

const shape = z.object({
  type: z.string().optional(),
  project_id: z.string().min(1).optional(),
  client_email: z.string().min(1).optional(),
  private_key: z.string().min(1).optional(),
  private_key_id: z.string().optional(),
  token_uri: z.string().url().optional(),
});

/** A Google service-account JSON: project_id, client_email and an RSA private key that parses. */
export function parseServiceAccount(content: Buffer, fileName: string): ParsedServiceAccount {
  let raw: unknown;
  try {
    raw = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw bad(`${fileName} is not JSON. Download the service account key from Firebase console, Project settings, Service accounts, “Generate new private key”.`);
  }
  const parsed = shape.safeParse(raw);
  if (!parsed.success || typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw bad(`${fileName} is JSON but not a service account key file.`);
  }
  const data = parsed.data;
  if (data.type !== undefined && data.type !== 'service_account') {
    throw bad(`${fileName} is a “${data.type}” credential, not a service account key. Firebase Cloud Messaging needs a service account key.`);
  }
  const missing = (['project_id', 'client_email', 'private_key'] as const).filter((k) => !data[k]);
  if (missing.length > 0) throw bad(`The service account file has no ${missing.join(', ')}. Download a fresh key from Firebase console.`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: data.private_key!, format: 'pem' });
  } catch {
    throw bad('The service account’s private_key does not parse as a PEM private key. The file may have been edited: download a fresh key.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw bad('The service account’s private_key is not an RSA key, which Google service accounts use.');
  const account: ServiceAccount = {
    projectId: data.project_id!,
    clientEmail: data.client_email!,
    privateKeyPem: data.private_key!,
    ...(data.private_key_id ? { privateKeyId: data.private_key_id } : {}),
    tokenUri: data.token_uri ?? 'https://oauth2.googleapis.com/token',
  };
  return {
    account,
    key,
    json: JSON.stringify(raw),
    inspection: {
      kind: 'serviceAccount',
      fingerprint: publicKeyFingerprint(key),
      projectId: account.projectId,
      clientEmail: account.clientEmail,
      warnings: /@.+\.iam\.gserviceaccount\.com$/.test(account.clientEmail)
        ? []
        : ['The client_email is not a Google service account address (…@….iam.gserviceaccount.com).'],
    },
  };
}
