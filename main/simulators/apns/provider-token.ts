import type { Clock } from '../../services/clock.js';
import type { ApnsEnvironment } from '../devices.js';
import { decodeJwt, verifyJwtSignature } from '../jwt.js';
import type { ApnsKeyRegistry, RegisteredApnsKey } from './keys.js';
import type { ApnsReason } from './reasons.js';

/** A token is refused once it is older than an hour... */
export const TOKEN_MAX_AGE_S = 60 * 60;
/** ...and a new one may replace it no sooner than 20 minutes after the previous one. */
export const TOKEN_MIN_REFRESH_S = 20 * 60;
/** Clock skew we forgive for an iat in the future (Apple documents none; a little is kind). */
const FUTURE_SKEW_S = 5 * 60;
const CACHE_LIMIT = 10_000;

export type TokenVerdict = { ok: true; key: RegisteredApnsKey } | { ok: false; reason: ApnsReason };

/** The tokens one HTTP/2 connection has used, by key id: the refresh rule is judged per connection. */
export type ConnectionTokens = Map<string, { iat: number }>;

interface VerifiedToken {
  key: RegisteredApnsKey;
  kid: string;
  iss: string;
  iat: number;
}

/**
 * Checks `authorization: bearer <JWT>` as APNs does. Signatures are verified once per distinct
 * token string and cached: a client reuses its token for up to an hour, so the hot path is a map
 * lookup plus the age check.
 *
 * The 20-minute refresh rule (429 TooManyProviderTokenUpdates) is judged per connection: a client
 * that signs a new token for every request on its connection trips it, while separate clients
 * sharing one key (sandbox and production providers, several workers) each keep their own token
 * and don't. Apple doesn't say which scope it uses; this one never fails a well-behaved client.
 */
export class ProviderTokenVerifier {
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly keys: ApnsKeyRegistry,
    private readonly clock: Clock,
  ) {}

  check(authorization: string | undefined, environment: ApnsEnvironment, connection: ConnectionTokens): TokenVerdict {
    if (!authorization) return { ok: false, reason: 'MissingProviderToken' };
    const space = authorization.indexOf(' ');
    if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return { ok: false, reason: 'InvalidProviderToken' };
    const token = authorization.slice(space + 1).trim();
    if (!token) return { ok: false, reason: 'MissingProviderToken' };

    let entry = this.verified.get(token);
    // A key revoked or replaced since: verify again against what is registered now.
    if (entry && this.keys.get(entry.kid) !== entry.key) {
      this.verified.delete(token);
      entry = undefined;
    }
    if (!entry) {
      const verdict = this.verify(token);
      if ('reason' in verdict) return verdict;
      entry = verdict;
      if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, entry);
    }

    // A key is bound to its team: a token naming another team is not valid. Apple documents this
    // only as InvalidProviderToken ("the provider token is not valid"), which is what it answers.
    if (entry.iss !== entry.key.teamId) return { ok: false, reason: 'InvalidProviderToken' };
    if (!entry.key.environments.has(environment)) return { ok: false, reason: 'BadEnvironmentKeyInToken' };

    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (now - entry.iat > TOKEN_MAX_AGE_S) return { ok: false, reason: 'ExpiredProviderToken' };
    if (entry.iat - now > FUTURE_SKEW_S) return { ok: false, reason: 'InvalidProviderToken' };

    // A refresh is a new iat: ECDSA signatures are randomised, so two signings of the same claims
    // differ as strings yet are the same token.
    const previous = connection.get(entry.kid);
    if (previous?.iat !== entry.iat) {
      if (previous && Math.abs(entry.iat - previous.iat) < TOKEN_MIN_REFRESH_S) return { ok: false, reason: 'TooManyProviderTokenUpdates' };
      connection.set(entry.kid, { iat: entry.iat });
    }
    return { ok: true, key: entry.key };
  }

  private verify(token: string): VerifiedToken | { ok: false; reason: ApnsReason } {
    const invalid = { ok: false as const, reason: 'InvalidProviderToken' as const };
    const jwt = decodeJwt(token);
    if (!jwt) return invalid;
    const { alg, kid } = jwt.header;
    const { iss, iat } = jwt.claims;
    if (alg !== 'ES256' || typeof kid !== 'string' || typeof iss !== 'string' || typeof iat !== 'number' || !Number.isFinite(iat)) return invalid;
    const key = this.keys.get(kid);
    if (!key || !verifyJwtSignature(jwt, 'ES256', key.publicKey)) return invalid;
    return { key, kid, iss, iat };
  }
}
