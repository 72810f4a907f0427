import { FastForward } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { StudioClock } from '../../../shared/contracts/engine';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function ahead(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', minutes && !days ? `${minutes} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/**
 * A virtual-time studio's clock beside a live journey: skip an hour or a day and watch the waits
 * that end move their profiles on and send. On real time it shows only when the workspace's clock
 * was moved on before (it stays ahead, so the workspace's time never runs backwards); nothing else.
 */
export function VirtualClock() {
  const [clock, setClock] = useState<StudioClock>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    studio.api['engine.clock.get']({}).then(setClock, showError);
    return studio.transport.onEvent((event) => {
      if (event.name === 'engine.clock.changed') setClock(event.payload);
    });
  }, []);
  if (!clock || (!clock.adjustable && clock.aheadSeconds === 0)) return null;
  const skip = async (seconds: number) => {
    setBusy(true);
    try {
      setClock(await studio.api['engine.clock.advance']({ seconds }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="virtual-clock" role="group" aria-label="Virtual time">
      <span role="status" aria-label="Studio time">
        Virtual time: <strong>{when.format(new Date(clock.now))}</strong> <span className="muted">({ahead(clock.aheadSeconds)} ahead)</span>
      </span>
      {clock.adjustable ? (
        <>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void skip(3600)}>
            <FastForward size={14} aria-hidden="true" /> Skip 1 hour
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void skip(86_400)}>
            <FastForward size={14} aria-hidden="true" /> Skip 1 day
          </button>
        </>
      ) : (
        <span className="muted" title="This workspace's clock was moved on with --virtual-time. It keeps running ahead, so what happened in it stays in its past.">
          Start with --virtual-time to skip further.
        </span>
      )}
    </span>
  );
}
