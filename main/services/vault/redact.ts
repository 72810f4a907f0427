/**
 * Scrubs secret material from text that may leave the core (logs, error details): PEM blocks,
 * a service account's "private_key" value, bearer tokens and JWTs.
 */
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
const PRIVATE_KEY_JSON = /("private_key"\s*:\s*")(?:[^"\\]|\\.)*(")/g;
const BEARER = /\b(bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;

export function redactSecrets(text: string): string {
  return text
    .replace(PEM, '[redacted key]')
    .replace(PRIVATE_KEY_JSON, '$1[redacted]$2')
    .replace(BEARER, '$1[redacted]')
    .replace(JWT, '[redacted token]');
}
