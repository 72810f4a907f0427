import { Apple, Smartphone } from 'lucide-react';
import { PhoneCard } from '../sandbox/PhoneCard';
import { SandboxAppSelect, useSandboxApps } from '../sandbox/useSandboxApps';
import { useSimulatedPhones } from '../sandbox/useSimulatedPhones';
import '../sandbox/sandbox.css';

/**
 * The provider sandbox's phones for this profile: install a sandbox app on a simulated iPhone or
 * Android phone, and the token it registers arrives on the profile under a new ECID, as the mobile
 * SDK syncs it. Reinstall, clear data and uninstall behave as the platforms do.
 */
export function SimulatedDevicesPanel({ profileId }: { profileId: number }) {
  const { phones, busy, act, install } = useSimulatedPhones(profileId);
  const sandbox = useSandboxApps();
  const chosen = sandbox.chosen;
  return (
    <section className="profile-phones" aria-label="Simulated devices">
      <h3>Simulated devices</h3>
      <p className="muted small">Install a sandbox app on a simulated phone for this profile: its push token syncs here under a new ECID.</p>
      <div className="phone-actions">
        <SandboxAppSelect sandbox={sandbox} />
        <button type="button" className="button button-small" disabled={busy || (chosen !== undefined && !chosen.ios)} onClick={() => void install('ios', chosen?.id)}>
          <Apple size={14} /> Install on iPhone
        </button>
        <button type="button" className="button button-small" disabled={busy || (chosen !== undefined && !chosen.android)} onClick={() => void install('android', chosen?.id)}>
          <Smartphone size={14} /> Install on Android
        </button>
      </div>
      <ul className="phone-list" aria-label="Simulated phones of this profile">
        {phones?.map((phone) => <PhoneCard key={phone.id} phone={phone} appName={sandbox.nameOf(phone.appId)} busy={busy} act={act} />)}
      </ul>
    </section>
  );
}
