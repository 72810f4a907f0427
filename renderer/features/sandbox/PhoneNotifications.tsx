import { useCallback, useEffect, useState } from 'react';
import type { TrackedNotification, TrackingKind } from '../../../shared/domain/report';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

const done = { open: 'Opened', action: 'Tapped', dismiss: 'Dismissed' } as const;

/**
 * What a simulated phone received: open a notification, tap one of its buttons or dismiss it, as
 * its owner would; each becomes a tracking event on the profile that holds the phone.
 */
export function PhoneNotifications({ deviceId, received }: { deviceId: string; received: number }) {
  const [items, setItems] = useState<TrackedNotification[]>([]);
  const load = useCallback(() => studio.api['tracking.notifications']({ deviceId }).then(setItems, showError), [deviceId]);
  useEffect(() => {
    void load();
  }, [load, received]);
  const act = async (n: TrackedNotification, kind: TrackingKind, actionId?: string) => {
    try {
      await studio.api['tracking.interact']({ deviceId, notificationId: n.id, kind, ...(actionId ? { actionId } : {}) });
      await load();
    } catch (error) {
      showError(error);
    }
  };
  if (items.length === 0) return <p className="muted small">No notifications yet.</p>;
  return (
    <ul className="phone-notifications">
      {items.map((n) => (
        <li key={n.id} className="phone-notification" aria-label={`Notification: ${n.title || n.body}`}>
          <div className="phone-notification-text">
            <strong>{n.title}</strong>
            <span>{n.body}</span>
            <span className="muted small">
              {new Date(n.receivedAt).toLocaleString()}
              {n.interactions.length > 0 && ` · ${n.interactions.map((i) => (i.kind === 'action' ? `${done.action} ${i.actionId}` : done[i.kind])).join(', ')}`}
            </span>
          </div>
          <div className="phone-actions">
            <button type="button" className="button button-small" onClick={() => void act(n, 'open')}>
              Open
            </button>
            {n.actions.map((a) => (
              <button key={a.id} type="button" className="button button-small" onClick={() => void act(n, 'action', a.id)} title={`Action “${a.id}”`}>
                {a.label}
              </button>
            ))}
            <button type="button" className="button button-small" onClick={() => void act(n, 'dismiss')}>
              Dismiss
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
