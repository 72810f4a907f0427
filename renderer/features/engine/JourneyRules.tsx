import { useEffect, useState } from 'react';
import type { JourneySettings } from '../../../shared/domain/engine';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

/** The journey's rules (shown in the inspector when no step is selected): they apply to every version. */
export function JourneyRules({ journeyId }: { journeyId: string }) {
  const [settings, setSettings] = useState<JourneySettings>();
  useEffect(() => {
    void studio.api['engine.settings.get']({ journeyId }).then(setSettings, showError);
  }, [journeyId]);
  if (!settings) return null;
  const save = async (next: JourneySettings) => {
    setSettings(next);
    try {
      setSettings(await studio.api['engine.settings.save']({ journeyId, settings: next }));
    } catch (error) {
      showError(error);
    }
  };
  return (
    <section className="journey-rules" aria-label="Journey rules">
      <h2>Journey rules</h2>
      <label className="inspector-check">
        <input type="checkbox" checked={settings.reentrance.allowed} onChange={(e) => void save({ ...settings, reentrance: { ...settings.reentrance, allowed: e.target.checked } })} />
        Profiles may enter again
      </label>
      {settings.reentrance.allowed ? (
        <label className="inspector-row">
          <span className="field-label">At least this many hours between entries</span>
          <input className="text-input" type="number" min={0} value={settings.reentrance.minGapSeconds / 3600} onChange={(e) => void save({ ...settings, reentrance: { allowed: true, minGapSeconds: Math.max(0, Math.round(Number(e.target.value) * 3600) || 0) } })} />
        </label>
      ) : null}
      <label className="inspector-row">
        <span className="field-label">Frequency cap: pushes per profile per 24 h, all journeys (empty: none)</span>
        <input className="text-input" type="number" min={1} max={100} aria-label="Frequency cap" value={settings.frequencyCap ?? ''} onChange={(e) => void save({ ...settings, frequencyCap: e.target.value ? Math.max(1, Math.min(100, Number(e.target.value))) : null })} />
      </label>
      <label className="inspector-check">
        <input type="checkbox" checked={settings.quietHours !== null} onChange={(e) => void save({ ...settings, quietHours: e.target.checked ? { from: '21:00', to: '08:00', mode: 'hold' } : null })} />
        Quiet hours (profile’s <code>timezone</code>)
      </label>
      {settings.quietHours ? (
        <div className="inspector-inline">
          <input className="text-input" type="time" aria-label="Quiet from" value={settings.quietHours.from} onChange={(e) => e.target.value && void save({ ...settings, quietHours: { ...settings.quietHours!, from: e.target.value } })} />
          <input className="text-input" type="time" aria-label="Quiet until" value={settings.quietHours.to} onChange={(e) => e.target.value && void save({ ...settings, quietHours: { ...settings.quietHours!, to: e.target.value } })} />
          <select className="text-input" aria-label="During quiet hours" value={settings.quietHours.mode} onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours!, mode: e.target.value as 'hold' | 'skip' } })}>
            <option value="hold">hold the push</option>
            <option value="skip">skip the push</option>
          </select>
        </div>
      ) : null}
      <label className="inspector-row">
        <span className="field-label">Time to live, minutes (empty: the message’s own)</span>
        <input className="text-input" type="number" min={0} aria-label="Time to live" value={settings.ttlSeconds === null ? '' : settings.ttlSeconds / 60} onChange={(e) => void save({ ...settings, ttlSeconds: e.target.value ? Math.min(2_419_200, Math.max(0, Math.round(Number(e.target.value) * 60))) : null })} />
      </label>
    </section>
  );
}
