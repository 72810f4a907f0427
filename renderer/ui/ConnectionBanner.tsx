import { useEffect, useState } from 'react';
import { studio } from '../api/instance';
import type { ConnectionState } from '../api/transport';

/** Says plainly when the headless host can't be reached, instead of letting clicks fail silently. */
export function ConnectionBanner() {
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => studio.transport.onConnection(setState), []);
  if (state !== 'lost') return null;
  return (
    <div className="connection-banner" role="alert">
      Lost the connection to the studio host. Reconnecting… If this lasts, check that <code>journey-studio serve</code> is
      still running.
    </div>
  );
}
