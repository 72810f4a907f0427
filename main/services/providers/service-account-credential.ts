import { createSign } from 'node:crypto';
import https from 'node:https';
import type { Credential, GoogleOAuthAccessToken } from 'firebase-admin/app';
import type { ServiceAccountJson } from '../../simulators/credentials.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The OAuth2 JWT-bearer grant for a service account, sent to its token_uri through `agent`.
 *
 * Why not firebase-admin's own `cert()`: in firebase-admin 13 its credential builds the Google
 * auth client with `auth.fromJSON(keyFile)` and no client options, so the `httpAgent` given to
 * `cert()` never reaches the token request, which then always resolves oauth2.googleapis.com.
 * This does the same exchange (RS256 assertion: iss = client_email, aud = token_uri, the messaging
 * scope, one hour) over the agent, so the simulator verifies a real grant.
 */
export class ServiceAccountTokenCredential implements Credential {
  constructor(
    private readonly account: ServiceAccountJson,
    private readonly agent: https.Agent,
  ) {}

  getAccessToken(): Promise<GoogleOAuthAccessToken> {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { iss: this.account.client_email, scope: FCM_SCOPE, aud: this.account.token_uri, iat, exp: iat + 3600 };
    const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid: this.account.private_key_id })}.${base64url(claims)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(this.account.private_key).toString('base64url');
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${input}.${signature}` }).toString();
    const url = new URL(this.account.token_uri);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          agent: this.agent,
          method: 'POST',
          host: url.hostname,
          port: url.port || 443,
          path: url.pathname,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              // Reported below as a failed exchange.
            }
            if (res.statusCode === 200 && typeof body.access_token === 'string' && typeof body.expires_in === 'number') {
              resolve({ access_token: body.access_token, expires_in: body.expires_in });
            } else {
              reject(new Error(`The token endpoint refused the service account (${res.statusCode}): ${String(body.error ?? 'no JSON')}: ${String(body.error_description ?? '')}`));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(form);
    });
  }
}
