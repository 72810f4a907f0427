import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ExperienceEvent, ProfileDetail } from '../../../shared/domain/profile';
import { studio } from '../../api/instance';
import { useHistory } from '../../store/history';
import { showError } from '../../store/toasts';
import { formatExact } from '../../ui/format';
import { SimulatedDevicesPanel } from './SimulatedDevicesPanel';

const EVENTS_PAGE = 50;

const shorten = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-6)}` : token);

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, typeof value === 'string' ? value : JSON.stringify(value)]];
}

/** One profile: identities, attributes, devices with their status and why, and the event timeline. */
export function ProfilePanel({ profile, onChanged, onClose }: { profile: ProfileDetail; onChanged(p: ProfileDetail): void; onClose(): void }) {
  const [events, setEvents] = useState<ExperienceEvent[]>([]);
  const [more, setMore] = useState(false);
  useEffect(() => {
    studio.api['profiles.events']({ id: profile.id, limit: EVENTS_PAGE })
      .then((r) => {
        setEvents(r.items);
        setMore(r.more);
      })
      .catch(showError);
  }, [profile.id]);
  const loadOlder = async () => {
    try {
      const r = await studio.api['profiles.events']({ id: profile.id, beforeId: events.at(-1)?.id, limit: EVENTS_PAGE });
      setEvents((current) => [...current, ...r.items]);
      setMore(r.more);
    } catch (error) {
      showError(error);
    }
  };

  const setTest = async (isTest: boolean) => {
    onChanged({ ...profile, isTest });
    try {
      await studio.api['profiles.setTest']({ ids: [profile.id], isTest });
      onChanged(await studio.api['profiles.get']({ id: profile.id }));
      useHistory.getState().record({
        label: `${isTest ? 'mark' : 'unmark'} test profile #${profile.id}`,
        undo: async () => void (await studio.api['profiles.setTest']({ ids: [profile.id], isTest: !isTest })),
        redo: async () => void (await studio.api['profiles.setTest']({ ids: [profile.id], isTest })),
      });
    } catch (error) {
      onChanged({ ...profile, isTest: !isTest });
      showError(error);
    }
  };

  return (
    <aside className="profile-panel" aria-label={`Profile #${profile.id}`}>
      <header className="profile-panel-header">
        <h2>Profile #{profile.id}</h2>
        <button type="button" className="icon-button" aria-label="Close profile" onClick={onClose}>
          <X size={16} />
        </button>
      </header>
      <label className="checkbox">
        <input type="checkbox" checked={profile.isTest} onChange={(e) => void setTest(e.target.checked)} /> Test profile
      </label>
      <h3>Identities</h3>
      <dl className="facts">
        {profile.identities.map((i) => (
          <div key={`${i.namespace}:${i.value}`}>
            <dt>{i.namespace}</dt>
            <dd>{i.value}</dd>
          </div>
        ))}
      </dl>
      <h3>Attributes</h3>
      <dl className="facts">
        {flatten(profile.attributes).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Devices</h3>
      {profile.registrations.length === 0 ? <p className="muted">No push registrations.</p> : null}
      <ul className="devices" aria-label="Devices">
        {profile.registrations.map((r) => (
          <li key={r.id}>
            <code title={r.token}>{shorten(r.token)}</code> <span>{r.appId}</span> <span>{r.platform}</span>{' '}
            <span className={`status status-${r.status === 'valid' ? 'live' : 'stopped'}`}>{r.status}</span>
            {r.statusReason ? <span className="muted"> — {r.statusReason}</span> : null}
          </li>
        ))}
      </ul>
      <SimulatedDevicesPanel profileId={profile.id} />
      <h3>Events ({profile.eventCount})</h3>
      <ol className="timeline" aria-label="Events">
        {events.map((e) => (
          <li key={e.id}>
            <span className="muted">{formatExact(e.timestamp)}</span> {e.type}
          </li>
        ))}
      </ol>
      {more ? (
        <button type="button" className="button button-small" onClick={() => void loadOlder()}>
          Load older events
        </button>
      ) : null}
    </aside>
  );
}
