import { Plus, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SimulatedDeviceInfo } from '../../../shared/domain/delivery';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

/** The provider sandbox's phones and what each received (a minimal view; device management lives elsewhere). */
export function useSimulatedDevices() {
  const [devices, setDevices] = useState<SimulatedDeviceInfo[]>();
  const refresh = useCallback(() => {
    studio.api['sandbox.devices']({}).then(setDevices).catch(showError);
  }, []);
  useEffect(() => {
    refresh();
    return studio.transport.onEvent((event) => {
      if (event.name === 'sandbox.notifications.changed' || event.name === 'sandbox.devices.changed') refresh();
    });
  }, [refresh]);
  const add = async (platform: 'ios' | 'android') => {
    try {
      const device = await studio.api['sandbox.addDevice']({ platform });
      refresh();
      return device;
    } catch (error) {
      showError(error);
      return undefined;
    }
  };
  return { devices, add };
}

export function SimulatedDevices({ onClose }: { onClose(): void }) {
  const { devices, add } = useSimulatedDevices();
  return (
    <aside className="sim-devices" aria-label="Simulated devices">
      <header className="delivery-drawer-header">
        <h2>Simulated devices</h2>
        <button type="button" className="icon-button" aria-label="Close simulated devices" onClick={onClose}>
          <X size={16} />
        </button>
      </header>
      <div className="sim-devices-actions">
        <button type="button" className="button" onClick={() => void add('ios')}>
          <Plus size={14} aria-hidden="true" /> iPhone
        </button>
        <button type="button" className="button" onClick={() => void add('android')}>
          <Plus size={14} aria-hidden="true" /> Android
        </button>
      </div>
      {devices?.length === 0 ? <p className="muted">No simulated device yet. Add one, then send it a test from a message.</p> : null}
      {devices?.map((d) => (
        <section key={d.id} className="sim-device" aria-label={d.name}>
          <h3>
            {d.name} <span className="muted">· {d.platform === 'ios' ? `iOS ${d.environment ?? ''}` : 'Android'} · {d.deliveredCount} received</span>
          </h3>
          {d.notifications.length ? (
            <ul className="sim-notifications">
              {d.notifications.slice(0, 5).map((n) => (
                <li key={n.id} className="sim-notification">
                  <strong>{n.title || '(no title)'}</strong>
                  <span>{n.body}</span>
                  <time className="muted">{new Date(n.receivedAt).toLocaleTimeString(undefined, { hour12: false })}</time>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing received yet.</p>
          )}
        </section>
      ))}
    </aside>
  );
}
