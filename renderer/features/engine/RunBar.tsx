import './engine.css';
import { FlaskConical, Gauge, Square, Zap } from 'lucide-react';
import { useEffect, useState } from 'react';
import { exclusionReasonText, type ExclusionReason } from '../../../shared/domain/engine';
import { studio } from '../../api/instance';
import { useRun } from './run-store';
import { VirtualClock } from './VirtualClock';

const EVENT_TYPES = ['application.launch', 'pushTracking.applicationOpened', 'pushTracking.customAction'];

/** Dry run, test mode and live counts for the version open on the canvas. */
export function RunBar({ versionId, status }: { versionId: string; status: string }) {
  const run = useRun();
  const [days, setDays] = useState(30);
  const [profileId, setProfileId] = useState('');
  const [eventType, setEventType] = useState(EVENT_TYPES[0]!);
  const [testProfiles, setTestProfiles] = useState<{ id: number; label: string }[]>([]);

  useEffect(() => run.reset(versionId, status), [versionId, status]); // eslint-disable-line react-hooks/exhaustive-deps
  // Profiles move: the core says so, the counts follow.
  useEffect(
    () =>
      studio.transport.onEvent((event) => {
        if (event.name === 'engine.changed' && event.payload.versionId === versionId) void useRun.getState().refresh();
      }),
    [versionId],
  );
  useEffect(() => run.setFocus(profileId ? Number(profileId) : undefined), [profileId]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (run.view !== 'test') return;
    void studio.api['profiles.page']({ filter: { testOnly: true }, limit: 50, withTotal: false }).then((page) => {
      const list = page.items.map((p) => ({ id: p.id, label: `${p.name ?? p.primaryIdentity?.value ?? 'Profile'} (#${p.id})` }));
      setTestProfiles(list);
      setProfileId((current) => current || String(list[0]?.id ?? ''));
    });
  }, [run.view]);

  const totals = run.counts?.totals;
  const reasons = new Map<string, number>();
  for (const node of Object.values(run.counts?.nodes ?? {})) for (const [reason, x] of Object.entries(node.excluded)) reasons.set(reason, (reasons.get(reason) ?? 0) + x.count);

  return (
    <div className="run-bar" role="region" aria-label="Run">
      {status === 'draft' ? (
        <>
          <label className="run-days">
            Dry run over
            <input className="text-input" type="number" min={1} max={365} value={days} aria-label="Days to simulate" onChange={(e) => setDays(Math.max(1, Math.min(365, Number(e.target.value) || 1)))} />
            days
          </label>
          <button type="button" className="button" disabled={run.busy} onClick={() => void run.dryRun(days)}>
            <Gauge size={15} /> Dry run
          </button>
          {run.view === 'test' ? (
            <button type="button" className="button button-danger" onClick={() => void run.stopTest()}>
              <Square size={15} /> Stop test
            </button>
          ) : (
            <button type="button" className="button" disabled={run.busy} onClick={() => void run.startTest()}>
              <FlaskConical size={15} /> Test mode
            </button>
          )}
        </>
      ) : (
        <>
          <span className="muted">{status === 'live' ? 'Live: counts update as profiles move.' : 'Counts of this version.'}</span>
          {status === 'live' ? <VirtualClock /> : null}
        </>
      )}
      {run.view === 'test' ? (
        <span className="run-fire">
          <select className="text-input" aria-label="Test profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
            {testProfiles.length === 0 ? <option value="">No test profiles</option> : null}
            {testProfiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <select className="text-input" aria-label="Event to fire" value={eventType} onChange={(e) => setEventType(e.target.value)}>
            {EVENT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <button type="button" className="button" disabled={!profileId} onClick={() => void run.fireEvent(Number(profileId), eventType)}>
            <Zap size={15} /> Fire event
          </button>
        </span>
      ) : null}
      {totals && run.view !== 'none' ? (
        <span className="run-totals" role="status" aria-label="Run totals">
          <strong>{run.view === 'dry' ? 'Dry run' : run.view === 'test' ? 'Test mode' : 'Live'}:</strong> {totals.entered.toLocaleString()} entered · {totals.ended.toLocaleString()} finished ·{' '}
          {totals.waiting.toLocaleString()} waiting · {totals.excluded.toLocaleString()} excluded
          {reasons.size ? ` (${[...reasons].map(([r, n]) => `${n.toLocaleString()} ${exclusionReasonText[r as ExclusionReason] ?? r}`).join(', ')})` : ''}
          {run.view === 'dry' ? (
            <button type="button" className="button button-link" onClick={run.hide}>
              Hide
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
