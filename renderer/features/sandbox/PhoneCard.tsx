import { Smartphone } from 'lucide-react';
import type { SimulatedDeviceView } from '../../../shared/contracts/devices';
import { studio } from '../../api/instance';
import { PhoneNotifications } from './PhoneNotifications';

const shorten = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-6)}` : token);
const stateWords = { live: 'live', dead: 'dead: answers Unregistered', stale: 'stale: accepted, never shown' } as const;

interface PhoneCardProps {
  phone: SimulatedDeviceView;
  /** What to call the phone's app (a channel's name), when known. */
  appName?: string;
  busy: boolean;
  act(run: () => Promise<unknown>): Promise<unknown>;
  /** Show what the phone received, with Open / buttons / Dismiss. */
  withNotifications?: boolean;
}

/**
 * One simulated phone: its app, its token (selectable, to copy into a file) and ECID, what the
 * provider says of its tokens, the app's lifecycle (uninstall, reinstall, Android's clear data)
 * and, optionally, what it received.
 */
export function PhoneCard({ phone, appName, busy, act, withNotifications = false }: PhoneCardProps) {
  const api = studio.api;
  return (
    <li className="phone-card" aria-label={phone.name}>
      <div className="phone-head">
        <Smartphone size={15} aria-hidden="true" /> <strong>{phone.name}</strong>
        <span className="muted">
          {phone.os === 'ios' ? 'iOS' : 'Android'} · {appName ?? phone.appId} · {phone.notifications} received
        </span>
        <span className={`status status-${phone.installed ? 'live' : 'stopped'}`}>{phone.installed ? 'installed' : 'uninstalled'}</span>
      </div>
      <div className="phone-ids small">
        <label className="phone-token">
          <span className="muted">Token</span>
          <input className="text-input mono" readOnly aria-label={`Token of ${phone.name}`} value={phone.token} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <span>
          {stateWords[phone.tokenState]} · {phone.platform}
          {phone.ecid ? (
            <>
              {' '}
              · ECID <code aria-label={`ECID of ${phone.name}`}>{phone.ecid}</code>
            </>
          ) : null}
          {phone.profileId !== null ? <> · profile #{phone.profileId}</> : null}
        </span>
      </div>
      {phone.previousTokens.length ? (
        <div className="small muted">
          Earlier tokens:{' '}
          {phone.previousTokens.map((t, i) => (
            <span key={t.token}>
              {i > 0 ? ', ' : ''}
              <code title={t.token}>{shorten(t.token)}</code> ({stateWords[t.state]})
            </span>
          ))}
        </div>
      ) : null}
      <div className="phone-actions">
        {phone.installed ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => api['sandbox.devices.uninstall']({ deviceId: phone.id }))}>
            Uninstall
          </button>
        ) : null}
        <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => api['sandbox.devices.reinstall']({ deviceId: phone.id }))}>
          Reinstall
        </button>
        {phone.os === 'android' && phone.installed ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => api['sandbox.devices.clearData']({ deviceId: phone.id }))}>
            Clear data
          </button>
        ) : null}
      </div>
      {withNotifications ? <PhoneNotifications deviceId={phone.id} received={phone.notifications} /> : null}
    </li>
  );
}
