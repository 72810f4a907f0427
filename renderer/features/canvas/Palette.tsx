import type { ActivityType } from '../../../shared/domain/journey-graph';
import { activityLabels } from '../../../shared/journey-validation';
import { activityIcon, activityTone } from './activity-icons';

export const ACTIVITY_MIME = 'application/x-journey-activity';

const groups: { title: string; types: ActivityType[] }[] = [
  { title: 'Entry', types: ['entry.audience', 'entry.event'] },
  { title: 'Orchestration', types: ['condition', 'timeCondition', 'split', 'wait', 'waitForEvent'] },
  { title: 'Actions', types: ['message', 'end'] },
];

/** Activities to drag onto the canvas (or click to add at the centre). */
export function Palette({ disabled, onAdd }: { disabled: boolean; onAdd(type: ActivityType): void }) {
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
    </aside>
  );
}
