import { Send } from 'lucide-react';
import type { ActivityType } from '../../../shared/domain/journey-graph';
import type { Message } from '../../../shared/domain/message';
import { activityLabels } from '../../../shared/journey-validation';
import { activityIcon, activityTone } from './activity-icons';

export const ACTIVITY_MIME = 'application/x-journey-activity';
export const MESSAGE_MIME = 'application/x-journey-message';

const groups: { title: string; types: ActivityType[] }[] = [
  { title: 'Entry', types: ['entry.audience', 'entry.event'] },
  { title: 'Orchestration', types: ['condition', 'timeCondition', 'split', 'wait', 'waitForEvent'] },
  { title: 'Actions', types: ['message', 'end'] },
];

/** Activities to drag onto the canvas (or click to add at the centre). */
interface PaletteProps {
  disabled: boolean;
  onAdd(type: ActivityType): void;
  messages: Message[];
  onAddMessage(messageId: string): void;
}

export function Palette({ disabled, onAdd, messages, onAddMessage }: PaletteProps) {
  return (
    <aside className="palette" aria-label="Activities">
      {groups.map((group) => (
        <section key={group.title}>
          <h3>{group.title}</h3>
          {group.types.map((type) => (
            <button
              key={type}
              type="button"
              className={`palette-item tone-${activityTone[type]}`}
              draggable={!disabled}
              disabled={disabled}
              onDragStart={(event) => {
                event.dataTransfer.setData(ACTIVITY_MIME, type);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(type)}
              title={disabled ? 'This version is read-only' : `Drag onto the canvas, or click to add`}
            >
              <span className="activity-icon" aria-hidden="true">
                {activityIcon[type]}
              </span>
              {activityLabels[type]}
            </button>
          ))}
        </section>
      ))}
      <section>
        <h3>Messages</h3>
        {messages.length === 0 ? <p className="hint">No messages yet: create them in Messages, or choose “Push message” and create one in place.</p> : null}
        {messages.map((message) => (
          <button
            key={message.id}
            type="button"
            className="palette-item tone-action palette-message"
            draggable={!disabled}
            disabled={disabled}
            title={`Drag onto the canvas to send “${message.name}”, or click to add`}
            onDragStart={(event) => {
              event.dataTransfer.setData(MESSAGE_MIME, message.id);
              event.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => onAddMessage(message.id)}
          >
            <span className="activity-icon" aria-hidden="true">
              <Send size={15} />
            </span>
            <span className="palette-message-name">{message.name}</span>
          </button>
        ))}
      </section>
    </aside>
  );
}
