import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { PhoneCard } from './PhoneCard';
import { SandboxAppSelect, useSandboxApps } from './useSandboxApps';
import { useSimulatedPhones } from './useSimulatedPhones';
import './sandbox.css';

const PAGE = 24;

/**
 * The sandbox's simulated phones: install a sandbox channel's app on a new iPhone or Android phone
 * (its token syncs to a new profile, as the mobile SDK does), copy a token, uninstall an app, and
 * open, tap or dismiss what arrived. On the Channels page, or as a drawer beside the delivery log.
 */
export function SimulatedDevices({ onClose }: { onClose?: () => void }) {
  const { phones, busy, act, install } = useSimulatedPhones();
  const sandbox = useSandboxApps();
  const chosen = sandbox.chosen;
  const [shown, setShown] = useState(PAGE);

  return (
    <section className={`sim-devices${onClose ? ' is-drawer' : ''}`} aria-labelledby="sim-devices-title">
      <header className="sim-devices-header">
        <h2 id="sim-devices-title">Simulated devices</h2>
        {onClose ? (
          <button type="button" className="icon-button" aria-label="Close simulated devices" onClick={onClose}>
            <X size={16} />
          </button>
        ) : null}
      </header>
      <p className="muted">Phones with a sandbox app. Install one: its token syncs to a new profile, as the app’s SDK would. Open a push, tap a button or dismiss it: the profile gets the event, and the reports count it.</p>
      <div className="sim-devices-actions">
        <SandboxAppSelect sandbox={sandbox} />
        <button type="button" className="button" disabled={busy || (chosen !== undefined && !chosen.ios)} onClick={() => void install('ios', chosen?.id)}>
          <Plus size={14} aria-hidden="true" /> Add iPhone
        </button>
        <button type="button" className="button" disabled={busy || (chosen !== undefined && !chosen.android)} onClick={() => void install('android', chosen?.id)}>
          <Plus size={14} aria-hidden="true" /> Add Android phone
        </button>
      </div>
      {phones?.length === 0 ? <p className="muted">No simulated phones yet.</p> : null}
      <ul className="sim-device-list">
        {phones?.slice(0, shown).map((phone) => (
          <PhoneCard key={phone.id} phone={phone} appName={sandbox.nameOf(phone.appId)} busy={busy} act={act} withNotifications />
        ))}
      </ul>
      {phones && phones.length > shown ? (
        <button type="button" className="button button-link" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({(phones.length - shown).toLocaleString()} not shown)
        </button>
      ) : null}
    </section>
  );
}
