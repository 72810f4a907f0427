import { Bell, ChevronDown, ChevronUp } from 'lucide-react';
import { type PhoneProps, StatusBar } from './PhoneChrome';

export type AndroidState = 'collapsed' | 'expanded' | 'headsup';
export const ANDROID_STATES: { id: AndroidState; label: string }[] = [
  { id: 'collapsed', label: 'Collapsed' },
  { id: 'expanded', label: 'Expanded' },
  { id: 'headsup', label: 'Heads-up' },
];

type Props = PhoneProps<AndroidState>;

/**
 * An Android phone (412 dp wide) showing the push: collapsed (title 1 line, text 1 line, thumbnail),
 * expanded (BigText: the whole body; BigPicture: the image at 2:1), heads-up (collapsed with actions).
 */
export function AndroidPreview({ state, texts, content, appName, timestamp, imageSrc }: Props) {
  const accent = content.accentColor || undefined;
  const expanded = state === 'expanded';
  const bigPicture = expanded && imageSrc;
  const buttons = texts.androidButtons.slice(0, 3);
  const showActions = (expanded || state === 'headsup') && buttons.length > 0;
  const card = (
    <div className={`and-card state-${state}`} data-testid="android-notification">
      <div className="and-header">
        <span className="and-small-icon" style={accent ? { background: accent } : undefined}>
          <Bell size={11} strokeWidth={2.6} />
        </span>
        <span className="and-app">{appName}</span>
        <span className="and-dot">•</span>
        <span className="and-time">{timestamp}</span>
        <span className="and-chevron" aria-hidden="true">
          {expanded ? <ChevronUp size={16} /> : <ChevronDown size={16} />}
        </span>
      </div>
      <div className="and-main">
        <div className="and-text">
          {texts.android.title ? <div className="and-title">{texts.android.title}</div> : null}
          {texts.android.body ? <div className={`and-body${expanded && !bigPicture ? ' is-bigtext' : ''}`}>{texts.android.body}</div> : null}
        </div>
        {imageSrc && !bigPicture ? <img className="and-thumb" src={imageSrc} alt="" /> : null}
      </div>
      {bigPicture ? <img className="and-picture" src={imageSrc} alt="" /> : null}
      {showActions ? (
        <div className="and-actions" role="list" aria-label="Actions">
          {buttons.map((b, i) => (
            <span key={i} className="and-action" role="listitem" style={accent ? { color: accent } : undefined}>
              {b.label || 'Button'}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
  return (
    <div className={`phone and-phone state-${state}`}>
      <StatusBar platform="and" />
      {state === 'headsup' ? (
        <>
          <div className="and-home" aria-hidden="true" />
          <div className="and-headsup">{card}</div>
        </>
      ) : (
        <div className="and-shade">
          <div className="and-shade-clock">Tue, Jun 9</div>
          {card}
        </div>
      )}
    </div>
  );
}
