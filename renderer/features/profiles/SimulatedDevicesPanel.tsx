import { Apple, Smartphone } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SimulatedDeviceView } from '../../../shared/contracts/devices';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

const shorten = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-6)}` : token);
const stateWords = { live: 'live', dead: 'dead: answers Unregistered', stale: 'stale: accepted, never shown' } as const;

/**
 * The provider sandbox's phones for this profile: install the Sandbox app on a simulated iPhone or
 * Android phone, and the token it registers arrives on the profile under a new ECID, as the mobile
 * SDK syncs it. Reinstall, clear data and uninstall behave as the platforms do.
 */
export function SimulatedDevicesPanel({ profileId }: { profileId: number }) {
  const [devices, setDevices] = useState<SimulatedDeviceView[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    studio.api['sandbox.devices.list']({ profileId }).then(setDevices).catch(showError);
  }, [profileId]);
  useEffect(() => {
    load();
    return studio.transport.onEvent((event) => {
      if (event.name === 'sandbox.devices.changed' && event.payload.profileId === profileId) load();
    });
  }, [load, profileId]);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      load();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sim-devices" aria-label="Simulated devices">
      <h3>Simulated devices</h3>
      <p className="muted small">Install the Sandbox app on a simulated phone for this profile: its push token syncs here under a new ECID.</p>
      <div className="sim-actions">
        <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => studio.api['sandbox.devices.install']({ os: 'ios', profileId }))}>
          <Apple size={14} /> Install on iPhone
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => studio.api['sandbox.devices.install']({ os: 'android', profileId }))}>
          <Smartphone size={14} /> Install on Android
        </button>
      </div>
      <ul className="sim-list" aria-label="Simulated phones of this profile">
        {devices.map((d) => (
          <li key={d.id}>
            <div className="sim-head">
              <strong>{d.name}</strong> <span className="muted">{d.platform}</span>{' '}
              <span className={`status status-${d.installed ? 'live' : 'stopped'}`}>{d.installed ? 'installed' : 'uninstalled'}</span>
            </div>
            <div className="small">
              token <code title={d.token}>{shorten(d.token)}</code> · {stateWords[d.tokenState]}
              {d.ecid ? (
                <>
                  {' '}
                  · ECID <code>{d.ecid}</code>
                </>
              ) : null}
            </div>
            {d.previousTokens.length ? (
              <div className="small muted">
                Earlier tokens:{' '}
                {d.previousTokens.map((t, i) => (
                  <span key={t.token}>
                    {i > 0 ? ', ' : ''}
                    <code title={t.token}>{shorten(t.token)}</code> ({stateWords[t.state]})
                  </span>
                ))}
              </div>
            ) : null}
            <div className="sim-actions">
              {d.installed ? (
                <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => studio.api['sandbox.devices.uninstall']({ deviceId: d.id }))}>
                  Uninstall
                </button>
              ) : null}
              <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => studio.api['sandbox.devices.reinstall']({ deviceId: d.id }))}>
                Reinstall
              </button>
              {d.os === 'android' && d.installed ? (
                <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => studio.api['sandbox.devices.clearData']({ deviceId: d.id }))}>
                  Clear data
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
