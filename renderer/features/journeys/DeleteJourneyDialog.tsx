import { Dialog } from '../../ui/Dialog';

interface DeleteJourneyDialogProps {
  name: string;
  onCancel(): void;
  onConfirm(): void;
}

export function DeleteJourneyDialog({ name, onCancel, onConfirm }: DeleteJourneyDialogProps) {
  return (
    <Dialog
      title="Delete journey?"
      onClose={onCancel}
      onSubmit={onConfirm}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" autoFocus>
            Delete
          </button>
        </>
      }
    >
      <p>
        “{name}” will be removed from the list. You can bring it back with <strong>Undo</strong> (Ctrl+Z) right after.
      </p>
    </Dialog>
  );
}
