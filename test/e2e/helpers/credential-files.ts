import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Fresh credential files on disk, as a marketer would have them from Apple and Google. */
export function writeCredentialFiles(): { dir: string; p8: string; serviceAccount: string; keyId: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-creds-'));
  const keyId = 'AB12CD34EF';
  const p8 = path.join(dir, `AuthKey_${keyId}.p8`);
  writeFileSync(p8, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const serviceAccount = path.join(dir, 'shop-app-firebase-adminsdk.json');
  writeFileSync(
    serviceAccount,
    JSON.stringify({
      type: 'service_account',
      project_id: 'shop-app-prod',
      private_key_id: 'f00dfeed',
      private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'firebase-adminsdk-ab12c@shop-app-prod.iam.gserviceaccount.com',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return { dir, p8, serviceAccount, keyId };
}
