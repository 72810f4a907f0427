import type { DeviceRegistry, SimulatedDevice } from '../../simulators/devices.js';
import type { Db } from '../workspace/database.js';

export interface DeviceLink {
  profileId: number;
  ecid: string;
}

interface DeviceRow {
  id: string;
  profile_id: number | null;
  ecid: string | null;
  record: string;
}

interface TokenRow {
  token: string;
  device_id: string;
  state: 'live' | 'dead' | 'stale';
  issued_at: string;
  died_at: string | null;
}

/** Persists simulated devices and their tokens, and puts them back into a fresh registry. */
export function createDevicesStore(db: Db) {
  const upsertDevice = db.prepare(
    'INSERT INTO sandbox_devices (id, profile_id, ecid, record) VALUES (@id, @profileId, @ecid, @record) ON CONFLICT (id) DO UPDATE SET profile_id = @profileId, ecid = @ecid, record = @record',
  );
  const upsertToken = db.prepare(
    'INSERT INTO sandbox_device_tokens (token, device_id, state, issued_at, died_at) VALUES (@token, @deviceId, @state, @issuedAt, @diedAt) ON CONFLICT (token) DO UPDATE SET state = @state, died_at = @diedAt',
  );
  const devices = db.prepare<[], DeviceRow>('SELECT * FROM sandbox_devices ORDER BY rowid');
  const tokens = db.prepare<[], TokenRow>('SELECT * FROM sandbox_device_tokens ORDER BY issued_at');

  const save = db.transaction((registry: DeviceRegistry, device: SimulatedDevice, link: DeviceLink | undefined) => {
    const { notifications: _n, deliveredCount: _d, ...record } = device;
    upsertDevice.run({ id: device.id, profileId: link?.profileId ?? null, ecid: link?.ecid ?? null, record: JSON.stringify(record) });
    for (const t of registry.tokensOf(device.id)) {
      upsertToken.run({ token: t.token, deviceId: device.id, state: t.state, issuedAt: t.issuedAt.toISOString(), diedAt: t.diedAt?.toISOString() ?? null });
    }
  });

  return {
    save: (registry: DeviceRegistry, device: SimulatedDevice, link: DeviceLink | undefined) => save(registry, device, link),
    /** Restores every kept device into `registry`; returns the links to profiles and each device's tokens. */
    restoreInto(registry: DeviceRegistry): Map<string, DeviceLink & { tokens: string[] }> {
      const byDevice = new Map<string, TokenRow[]>();
      for (const t of tokens.all()) byDevice.set(t.device_id, [...(byDevice.get(t.device_id) ?? []), t]);
      const links = new Map<string, DeviceLink & { tokens: string[] }>();
      for (const row of devices.all()) {
        const record = JSON.parse(row.record) as Omit<SimulatedDevice, 'notifications' | 'deliveredCount' | 'registeredAt' | 'uninstalledAt'> & {
          registeredAt: string;
          uninstalledAt?: string;
        };
        const held = byDevice.get(row.id) ?? [];
        registry.restore(
          { ...record, registeredAt: new Date(record.registeredAt), uninstalledAt: record.uninstalledAt ? new Date(record.uninstalledAt) : undefined } as Omit<SimulatedDevice, 'notifications' | 'deliveredCount'>,
          held.map((t) => ({ token: t.token, state: t.state, issuedAt: new Date(t.issued_at), diedAt: t.died_at ? new Date(t.died_at) : undefined })),
        );
        if (row.profile_id !== null && row.ecid) links.set(row.id, { profileId: row.profile_id, ecid: row.ecid, tokens: held.map((t) => t.token) });
      }
      return links;
    },
  };
}
