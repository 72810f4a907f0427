import { Copy, Pencil, Trash2 } from 'lucide-react';
import type { JourneySummary } from '../../../shared/domain/journey';
import { formatExact, formatWhen } from '../../ui/format';

interface JourneyRowProps {
  journey: JourneySummary;
  selected: boolean;
  onSelect(): void;
  onOpen(): void;
  onRename(): void;
  onDuplicate(): void;
  onDelete(): void;
}

const statusLabel = { draft: 'Draft', live: 'Live', stopped: 'Stopped' } as const;

export function JourneyRow({ journey, selected, onSelect, onOpen, onRename, onDuplicate, onDelete }: JourneyRowProps) {
  return (
    <tr
      className={`journey-row${selected ? ' is-selected' : ''}`}
      aria-selected={selected}
      data-journey-id={journey.id}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <td className="journey-name-cell">
        <button type="button" className="journey-open" onClick={onOpen} title="Open journey">
          {journey.name}
        </button>
      </td>
      <td>
        <span className={`status status-${journey.status}`}>{statusLabel[journey.status]}</span>
      </td>
      <td title={formatExact(journey.updatedAt)}>{formatWhen(journey.updatedAt)}</td>
      <td title={formatExact(journey.createdAt)}>{formatWhen(journey.createdAt)}</td>
      <td className="row-actions">
        <button type="button" className="icon-button" aria-label={`Rename ${journey.name}`} title="Rename (F2)" onClick={onRename}>
          <Pencil size={15} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Duplicate ${journey.name}`}
          title="Duplicate (Ctrl+D)"
          onClick={onDuplicate}
        >
          <Copy size={15} />
        </button>
        <button type="button" className="icon-button danger" aria-label={`Delete ${journey.name}`} title="Delete (Del)" onClick={onDelete}>
          <Trash2 size={15} />
        </button>
      </td>
    </tr>
  );
}
