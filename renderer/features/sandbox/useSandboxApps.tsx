import { useEffect, useMemo, useState } from 'react';
import { channelAppIds } from '../../../shared/domain/channel';
import { useChannels } from '../../store/channels';

/**
 * The apps a simulated phone can hold: those of the channels that send to the sandbox. `chosen` is
 * the one to install (the first until another is picked); `nameOf` names a phone's app id.
 */
export function useSandboxApps() {
  const channels = useChannels((s) => s.items);
  const apps = useMemo(() => channels.filter((c) => c.target === 'sandbox'), [channels]);
  const [channelId, setChannelId] = useState('');
  useEffect(() => {
    if (useChannels.getState().load !== 'ready') void useChannels.getState().refresh();
  }, []);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of apps) for (const appId of Object.values(channelAppIds(c))) if (appId && !map.has(appId)) map.set(appId, c.name);
    return map;
  }, [apps]);
  const chosen = apps.find((c) => c.id === channelId) ?? apps[0];
  return { apps, chosen, choose: setChannelId, nameOf: (appId: string) => names.get(appId) };
}

/** Which sandbox app to install, shown only when there is a choice. */
export function SandboxAppSelect({ sandbox }: { sandbox: ReturnType<typeof useSandboxApps> }) {
  if (sandbox.apps.length < 2) return null;
  return (
    <label className="sim-app">
      App
      <select className="text-input" aria-label="App to install" value={sandbox.chosen?.id ?? ''} onChange={(e) => sandbox.choose(e.target.value)}>
        {sandbox.apps.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
