import { z } from 'zod';
import { apnsEnvironmentSchema, channelTargetSchema, p12AuthSummarySchema, p8AuthSummarySchema } from '../../../shared/domain/channel.js';
import type { Db } from '../workspace/database.js';

/**
 * How a channel is kept in the database: metadata in JSON columns plus the ids of its sealed
 * secrets in the vault. Parsed with zod on the way out, so a hand-edited row fails loudly.
 */
const storedIosSchema = z.object({
  bundleId: z.string(),
  environment: apnsEnvironmentSchema,
  // What the renderer sees, plus the vault ids of the sealed material.
  auth: z.discriminatedUnion('kind', [
    p8AuthSummarySchema.extend({ secretId: z.string() }),
    p12AuthSummarySchema.extend({ secretId: z.string(), passphraseSecretId: z.string() }),
  ]),
});
const storedAndroidSchema = z.object({
  packageName: z.string().optional(),
  projectId: z.string(),
  clientEmail: z.string(),
  fingerprint: z.string(),
  secretId: z.string(),
});

export type StoredIos = z.infer<typeof storedIosSchema>;
export type StoredAndroid = z.infer<typeof storedAndroidSchema>;

export interface StoredChannel {
  id: string;
  name: string;
  target: z.infer<typeof channelTargetSchema>;
  ios?: StoredIos;
  android?: StoredAndroid;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  target: string;
  ios: string | null;
  android: string | null;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: Row): StoredChannel => ({
  id: row.id,
  name: row.name,
  target: channelTargetSchema.parse(row.target),
  ...(row.ios ? { ios: storedIosSchema.parse(JSON.parse(row.ios)) } : {}),
  ...(row.android ? { android: storedAndroidSchema.parse(JSON.parse(row.android)) } : {}),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createChannelStore(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM channels ORDER BY name COLLATE NOCASE, id');
  const one = db.prepare<[string], Row>('SELECT * FROM channels WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO channels (id, name, target, ios, android, created_at, updated_at)
     VALUES (@id, @name, @target, @ios, @android, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET name = @name, target = @target, ios = @ios, android = @android, updated_at = @updatedAt`,
  );
  const del = db.prepare('DELETE FROM channels WHERE id = ?');
  return {
    list: () => all.all().map(fromRow),
    get: (id: string) => {
      const row = one.get(id);
      return row ? fromRow(row) : undefined;
    },
    save(channel: StoredChannel) {
      upsert.run({
        id: channel.id,
        name: channel.name,
        target: channel.target,
        ios: channel.ios ? JSON.stringify(channel.ios) : null,
        android: channel.android ? JSON.stringify(channel.android) : null,
        createdAt: channel.createdAt,
        updatedAt: channel.updatedAt,
      });
    },
    remove: (id: string) => void del.run(id),
  };
}

export type ChannelStore = ReturnType<typeof createChannelStore>;
