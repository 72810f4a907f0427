import { AppIcon } from './AppIcon';
import { type PhoneProps, StatusBar } from './PhoneChrome';

export type IosState = 'lock' | 'centre' | 'banner' | 'expanded';
export const IOS_STATES: { id: IosState; label: string }[] = [
  { id: 'lock', label: 'Lock screen' },
  { id: 'centre', label: 'Notification Centre' },
  { id: 'banner', label: 'Banner' },
  { id: 'expanded', label: 'Expanded (long press)' },
];

interface Props extends PhoneProps<IosState> {
  /** A localised message: the body shows its key, as the app's strings file will fill it. */
  locKey?: string;
}

/**
 * An iPhone (393 pt wide) showing the push. Lines are cut by CSS line-clamp in the rendered font at
 * the device width, as iOS does: title 1 line, body 4 (banner 2, expanded 7).
 */
export function IosPreview({ state, texts, content, appName, timestamp, imageSrc, locKey }: Props) {
  const timeSensitive = content.interruptionLevel === 'time-sensitive' || content.interruptionLevel === 'critical';
  const title = texts.ios.title || appName;
  const body = locKey ? `[${locKey}]` : texts.ios.body;
  const thumbnail = imageSrc && state !== 'expanded';
  const card = (
    <div className={`ios-card${state === 'expanded' ? ' is-expanded' : ''}`} data-testid="ios-notification">
      {state === 'expanded' && imageSrc ? <img className="ios-hero" src={imageSrc} alt="" /> : null}
      <div className="ios-row">
        {state === 'expanded' ? null : <AppIcon name={appName} size={38} radius={9} />}
        <div className="ios-text">
          {timeSensitive ? (
            // Time sensitive: the label and the time share the top row, and the title gets its own line.
            <div className="ios-title-row">
              <span className="ios-label">{content.interruptionLevel === 'critical' ? 'CRITICAL' : 'TIME SENSITIVE'}</span>
              {state === 'expanded' ? null : <span className="ios-time">{timestamp}</span>}
            </div>
          ) : null}
          <div className="ios-title-row">
            <span className="ios-title">{title}</span>
            {state === 'expanded' || timeSensitive ? null : <span className="ios-time">{timestamp}</span>}
          </div>
          {texts.ios.subtitle ? <div className="ios-subtitle">{texts.ios.subtitle}</div> : null}
          {body ? <div className={`ios-body clamp-${state === 'banner' ? 2 : state === 'expanded' ? 7 : 4}`}>{body}</div> : null}
        </div>
        {thumbnail ? <img className="ios-thumb" src={imageSrc} alt="" /> : null}
      </div>
    </div>
  );
  return (
    <div className={`phone ios-phone state-${state}`}>
      <StatusBar platform="ios" />
      {state === 'lock' ? (
        <div className="ios-lock-clock">
          <div className="ios-date">Tuesday 9 June</div>
          <div className="ios-clock">9:41</div>
        </div>
      ) : null}
      {state === 'centre' ? <div className="ios-centre-title">Notification Centre</div> : null}
      {state === 'banner' ? (
        <div className="ios-home" aria-hidden="true">
          {Array.from({ length: 12 }, (_, i) => (
            <span key={i} className="ios-home-app">
              {i === 5 ? <AppIcon name={appName} size={60} radius={14} /> : null}
              {i === 5 && content.badge !== null && content.badge > 0 ? <b className="ios-badge">{content.badge}</b> : null}
            </span>
          ))}
        </div>
      ) : null}
      <div className="ios-stack">
        {card}
        {state === 'centre' && content.threadId ? <div className="ios-stack-shadow" aria-hidden="true" /> : null}
        {state === 'expanded' && texts.iosButtons.length > 0 ? (
          <div className="ios-actions" role="list" aria-label="Actions">
            {texts.iosButtons.slice(0, 4).map((b, i) => (
              <div key={i} className="ios-action" role="listitem">
                {b.label || 'Button'}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
