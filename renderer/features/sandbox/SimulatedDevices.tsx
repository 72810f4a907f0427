import { Smartphone } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SimulatedDeviceInfo } from '../../../shared/domain/delivery';
import type { TrackedNotification, TrackingKind } from '../../../shared/domain/report';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';
import './sandbox.css';

const done = { open: 'Opened', action: 'Tapped', dismiss: 'Dismissed' } as const;

function DeviceCard({ device }: { device: SimulatedDeviceInfo }) {
  const [items, setItems] = useState<TrackedNotification[]>([]);
  const load = useCallback(() => studio.api['tracking.notifications']({ deviceId: device.id }).then(setItems, showError), [device.id]);
  useEffect(() => {
    void load();
  }, [load, device.deliveredCount]);
  const act = async (n: TrackedNotification, kind: TrackingKind, actionId?: string) => {
    try {
      await studio.api['tracking.interact']({ deviceId: device.id, notificationId: n.id, kind, ...(actionId ? { actionId } : {}) });
      await load();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <li className="sim-device" aria-label={device.name}>
      <header>
        <Smartphone size={16} /> <strong>{device.name}</strong>
        <span className="muted">
          {device.platform === 'ios' ? 'iOS' : 'Android'} · {device.appId} · {device.deliveredCount} received
        </span>
      </header>
      {items.length === 0 ? (
        <p className="muted">No notifications yet.</p>
      ) : (
        <ul className="sim-notifications">
          {items.map((n) => (
            <li key={n.id} className="sim-notification" aria-label={`Notification: ${n.title || n.body}`}>
              <div className="sim-text">
                <strong>{n.title}</strong>
                <span>{n.body}</span>
                <span className="muted small">
                  {new Date(n.receivedAt).toLocaleString()}
                  {n.interactions.length > 0 && ` · ${n.interactions.map((i) => (i.kind === 'action' ? `${done.action} ${i.actionId}` : done[i.kind])).join(', ')}`}
                </span>
              </div>
              <div className="sim-actions">
                <button type="button" className="button" onClick={() => void act(n, 'open')}>
                  Open
                </button>
                {n.actions.map((a) => (
                  <button key={a.id} type="button" className="button" onClick={() => void act(n, 'action', a.id)} title={`Action “${a.id}”`}>
                    {a.label}
                  </button>
                ))}
                <button type="button" className="button" onClick={() => void act(n, 'dismiss')}>
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The sandbox's simulated phones and what they received: open a notification, tap one of its
 * buttons or dismiss it, as a person would; each becomes a tracking event on the profile.
 */
export function SimulatedDevices() {
  const [devices, setDevices] = useState<SimulatedDeviceInfo[]>([]);
  const load = useCallback(() => studio.api['sandbox.devices']({}).then(setDevices, showError), []);
  useEffect(() => {
    void load();
    return studio.transport.onEvent((event) => {
      if (event.name === 'sandbox.devices.changed') void load();
    });
  }, [load]);
  const add = async (platform: 'ios' | 'android') => {
    try {
      await studio.api['sandbox.addDevice']({ platform });
      await load();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section className="sim-devices" aria-labelledby="sim-devices-title">
      <header className="sim-devices-header">
        <h2 id="sim-devices-title">Simulated devices</h2>
        <div>
          <button type="button" className="button" onClick={() => void add('ios')}>
            Add iPhone
          </button>{' '}
          <button type="button" className="button" onClick={() => void add('android')}>
            Add Android phone
          </button>
        </div>
      </header>
      <p className="muted">Phones of the sandbox app. Open a push, tap a button or dismiss it: the profile that holds the phone gets the event, and the reports count it.</p>
      {devices.length === 0 ? <p className="muted">No simulated devices yet.</p> : <ul className="sim-device-list">{devices.map((d) => <DeviceCard key={d.id} device={d} />)}</ul>}
    </section>
  );
}
