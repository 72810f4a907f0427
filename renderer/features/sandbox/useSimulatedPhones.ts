import { useCallback, useEffect, useRef, useState } from 'react';
import type { SimulatedDeviceView } from '../../../shared/contracts/devices';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

/**
 * The provider sandbox's simulated phones (all, or one profile's), kept fresh as apps are installed
 * and pushes arrive. Reloads that come while one runs are folded into one more.
 */
export function useSimulatedPhones(profileId?: number) {
  const [phones, setPhones] = useState<SimulatedDeviceView[]>();
  const [busy, setBusy] = useState(false);
  const loading = useRef<'idle' | 'running' | 'again'>('idle');

  const load = useCallback(async () => {
    if (loading.current !== 'idle') {
      loading.current = 'again';
      return;
    }
    loading.current = 'running';
    try {
      do {
        loading.current = 'running';
        setPhones(await studio.api['sandbox.devices.list'](profileId === undefined ? {} : { profileId }));
      } while ((loading.current as string) === 'again');
    } catch (error) {
      showError(error);
    } finally {
      loading.current = 'idle';
    }
  }, [profileId]);

  useEffect(() => {
    void load();
    return studio.transport.onEvent((event) => {
      if (event.name === 'sandbox.devices.changed' && (profileId === undefined || event.payload.profileId === profileId)) void load();
      if (event.name === 'sandbox.notifications.changed') void load();
    });
  }, [load, profileId]);

  /** Runs a change to the phones, then shows them again; errors are shown, not thrown. */
  const act = useCallback(
    async <T,>(run: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        return await run();
      } catch (error) {
        showError(error);
        return undefined;
      } finally {
        setBusy(false);
        void load();
      }
    },
    [load],
  );

  const install = useCallback(
    (os: 'ios' | 'android', channelId?: string) =>
      act(() => studio.api['sandbox.devices.install']({ os, ...(channelId ? { channelId } : {}), ...(profileId !== undefined ? { profileId } : {}) })),
    [act, profileId],
  );

  return { phones, busy, act, install };
}
