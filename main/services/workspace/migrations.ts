import { audiencesSchema } from '../audiences/schema.js';
import { journeysSchema } from '../journeys/schema.js';
import { journeyVersionsSchema } from '../journeys/versions-schema.js';
import { outboxChecksAsComparisons, outboxSchema } from '../outbox/schema.js';
import { deliveryRollupInWriter, deliverySchema } from '../delivery/schema.js';
import { messagesSchema } from '../messages/schema.js';
import { vaultAndChannelsSchema } from '../vault/schema.js';
import { profilesSchema, registrationChecksAsComparisons, registrationsByTokenSuffix } from '../profiles/schema.js';
import { engineEntryChecksAsComparisons, engineSchema } from '../engine/schema.js';
import { studioClockSchema } from '../engine/clock-store.js';
import { simulatedDevicesSchema } from '../sandbox/devices-schema.js';
import { quickStartSchema } from '../quickstart/quickstart.js';
import { pushTrackingLinkByIndex, reportsSchema } from '../reports/schema.js';

/**
 * Numbered schema migrations of a workspace database. Each runs once, in order, inside a
 * transaction, and moves `PRAGMA user_version` to its number. Each service area keeps its own
 * migrations beside its code; this list orders them. Never edit a migration that has shipped:
 * add a new one numbered above the highest here (a workspace only runs versions above its own,
 * so a lower number added later would never run on it).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  journeysSchema,
  vaultAndChannelsSchema,
  profilesSchema,
  audiencesSchema,
  registrationsByTokenSuffix,
  messagesSchema,
  journeyVersionsSchema,
  simulatedDevicesSchema,
  quickStartSchema,
  outboxSchema,
  engineSchema,
  deliverySchema,
  reportsSchema,
  registrationChecksAsComparisons,
  deliveryRollupInWriter,
  pushTrackingLinkByIndex,
  outboxChecksAsComparisons,
  engineEntryChecksAsComparisons,
  studioClockSchema,
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
