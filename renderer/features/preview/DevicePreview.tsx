import { Info } from 'lucide-react';
import { useMemo } from 'react';
import type { MessageContent } from '../../../shared/domain/message';
import { type RenderContext, renderMessage } from '../../../shared/render/render-message';
import { AndroidPreview, ANDROID_STATES, type AndroidState } from './AndroidPreview';
import { IosPreview, IOS_STATES, type IosState } from './IosPreview';

export type Platform = 'ios' | 'android';
export const TIMESTAMPS = ['now', '3h ago', 'Yesterday, 8:37 AM'] as const;

export interface PreviewSettings {
  platform: Platform;
  iosState: IosState;
  androidState: AndroidState;
  appearance: 'light' | 'dark';
  timestamp: (typeof TIMESTAMPS)[number];
}

interface Props {
  content: MessageContent;
  /** One render context per profile shown side by side. */
  contexts: { label: string; context: RenderContext }[];
  appName: string;
  imageSrc?: string;
  settings: PreviewSettings;
  onSettings(next: PreviewSettings): void;
}

export function DevicePreview({ content, contexts, appName, imageSrc, settings, onSettings }: Props) {
  const set = (patch: Partial<PreviewSettings>) => onSettings({ ...settings, ...patch });
  const renders = useMemo(() => contexts.map(({ label, context }) => ({ label, rendered: renderMessage(content, context) })), [content, contexts]);
  return (
    <div className="device-preview">
      <div className="preview-controls" role="toolbar" aria-label="Preview options">
        <div className="segmented" role="radiogroup" aria-label="Platform">
          {(['ios', 'android'] as const).map((p) => (
            <button key={p} type="button" role="radio" aria-checked={settings.platform === p} className={settings.platform === p ? 'is-on' : ''} onClick={() => set({ platform: p })}>
              {p === 'ios' ? 'iPhone' : 'Android'}
            </button>
          ))}
        </div>
        <label className="compact-field">
          <span className="visually-hidden">State</span>
          {settings.platform === 'ios' ? (
            <select aria-label="iPhone view" value={settings.iosState} onChange={(e) => set({ iosState: e.target.value as IosState })}>
              {IOS_STATES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          ) : (
            <select aria-label="Android view" value={settings.androidState} onChange={(e) => set({ androidState: e.target.value as AndroidState })}>
              {ANDROID_STATES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </label>
        <select aria-label="Time shown" value={settings.timestamp} onChange={(e) => set({ timestamp: e.target.value as PreviewSettings['timestamp'] })}>
          {TIMESTAMPS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <div className="segmented" role="radiogroup" aria-label="Appearance">
          {(['light', 'dark'] as const).map((a) => (
            <button key={a} type="button" role="radio" aria-checked={settings.appearance === a} className={settings.appearance === a ? 'is-on' : ''} onClick={() => set({ appearance: a })}>
              {a === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </div>
      <div className={`phones count-${renders.length}`}>
        {renders.map(({ label, rendered }, i) => {
          const aps = rendered.apns.payload.aps as { alert?: Record<string, unknown> } | undefined;
          const locKey = typeof aps?.alert?.['loc-key'] === 'string' ? (aps.alert['loc-key'] as string) : undefined;
          return (
            <figure key={i} className={`phone-frame appearance-${settings.appearance}`} data-testid="phone">
              {content.background ? (
                <div className="phone silent-phone">
                  <p>Silent / background push: nothing is shown. The app wakes up in the background with the custom data.</p>
                </div>
              ) : settings.platform === 'ios' ? (
                <IosPreview state={settings.iosState} texts={rendered.texts} content={content} appName={appName} timestamp={settings.timestamp} imageSrc={imageSrc} locKey={locKey} />
              ) : (
                <AndroidPreview state={settings.androidState} texts={rendered.texts} content={content} appName={appName} timestamp={settings.timestamp === 'now' ? 'now' : settings.timestamp === '3h ago' ? '3h' : 'Yesterday'} imageSrc={imageSrc} />
              )}
              {renders.length > 1 ? <figcaption>{label}</figcaption> : null}
            </figure>
          );
        })}
      </div>
      <p className="preview-note">
        <Info size={13} aria-hidden="true" /> Approximate: fonts, screen width and the phone's settings change the real result.
      </p>
    </div>
  );
}
