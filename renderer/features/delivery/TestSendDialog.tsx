import { Plus, Send } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ProfileRow } from '../../../shared/domain/profile';
import { studio } from '../../api/instance';
import { useChannels } from '../../store/channels';
import { useMessages } from '../../store/messages';
import { useNavigation } from '../../store/navigation';
import { showError, useToasts } from '../../store/toasts';
import { Dialog } from '../../ui/Dialog';
import { useSimulatedPhones } from '../sandbox/useSimulatedPhones';

/** Test send from the composer: to chosen test profiles (their valid devices) and/or simulated devices. */
export function TestSendDialog({ messageId, flush, onClose }: { messageId: string; flush(): Promise<void>; onClose(): void }) {
  const { phones: devices, install } = useSimulatedPhones();
  // A new phone gets the message's app when its channel sends to the sandbox (else the Sandbox app).
  const channelId = useMessages((s) => s.items.find((m) => m.id === messageId)?.channelId);
  const sandboxChannel = useChannels((s) => s.items.find((c) => c.id === channelId && c.target === 'sandbox'));
  const add = (os: 'ios' | 'android') => install(os, sandboxChannel?.id);
  const [profiles, setProfiles] = useState<ProfileRow[]>([]);
  const [deviceIds, setDeviceIds] = useState<string[]>([]);
  const [profileIds, setProfileIds] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    studio.api['profiles.page']({ filter: { testOnly: true }, offset: 0, limit: 50, withTotal: false })
      .then((page) => setProfiles(page.items))
      .catch(() => setProfiles([]));
  }, []);

  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const send = async () => {
    setSending(true);
    try {
      // The composer autosaves: make sure the test sends what is on screen.
      await flush();
      const result = await studio.api['delivery.testSend']({ messageId, deviceIds, profileIds });
      const skipped = result.skipped.length ? ` ${result.skipped.join(' ')}` : '';
      useToasts.getState().show({ tone: result.queued ? 'info' : 'error', message: `Test push queued for ${result.queued} device(s).${skipped}` });
      onClose();
    } catch (error) {
      showError(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      title="Send a test push"
      onClose={onClose}
      onSubmit={() => void send()}
      asides={
        <button type="button" className="button" onClick={() => go({ section: 'delivery' })}>
          Open the delivery log
        </button>
      }
      submit={{
        label: (
          <>
            <Send size={14} aria-hidden="true" /> Send test
          </>
        ),
        disabled: sending || deviceIds.length + profileIds.length === 0,
      }}
    >
      <fieldset className="test-send-group">
        <legend>Simulated devices</legend>
        {devices?.length === 0 ? <p className="muted">None yet.</p> : null}
        {devices?.map((d) => (
          <label key={d.id} className="checkbox">
            <input type="checkbox" checked={deviceIds.includes(d.id)} onChange={() => setDeviceIds((ids) => toggle(ids, d.id))} /> {d.name}{' '}
            <span className="muted">({d.os === 'ios' ? 'iOS' : 'Android'}, {d.appId})</span>
          </label>
        ))}
        <div className="test-send-actions">
          <button type="button" className="button" onClick={() => void add('ios').then((d) => d && setDeviceIds((ids) => [...ids, d.id]))}>
            <Plus size={14} aria-hidden="true" /> Simulated iPhone
          </button>
          <button type="button" className="button" onClick={() => void add('android').then((d) => d && setDeviceIds((ids) => [...ids, d.id]))}>
            <Plus size={14} aria-hidden="true" /> Simulated Android phone
          </button>
        </div>
      </fieldset>
      <fieldset className="test-send-group">
        <legend>Test profiles</legend>
        {profiles.length === 0 ? <p className="muted">No test profile: mark profiles as test profiles in Profiles.</p> : null}
        {profiles.map((p) => (
          <label key={p.id} className="checkbox">
            <input type="checkbox" checked={profileIds.includes(p.id)} onChange={() => setProfileIds((ids) => toggle(ids, p.id))} /> #{p.id} {p.primaryIdentity?.value ?? ''}{' '}
            <span className="muted">({p.validDevices} valid device(s))</span>
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
