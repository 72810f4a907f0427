import type { MessageContent } from '../../../shared/domain/message';
import type { RenderedTexts } from '../../../shared/render/render-message';

/** What both phones are given: one of their states, the rendered texts, and how the app shows. */
export interface PhoneProps<State extends string> {
  state: State;
  texts: RenderedTexts;
  content: MessageContent;
  appName: string;
  timestamp: string;
  imageSrc?: string;
}

/** The top of the screen: the time, signal and battery, styled per platform by the `ios-` or `and-` classes. */
export function StatusBar({ platform }: { platform: 'ios' | 'and' }) {
  return (
    <div className={`${platform}-status`}>
      <span>9:41</span>
      <span className={`${platform}-status-icons`} aria-hidden="true">
        <i className="sig" />
        <i className="bat" />
      </span>
    </div>
  );
}
