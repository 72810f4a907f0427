import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface DeleteJourneyDialogProps {
  name: string;
  onCancel(): void;
  onConfirm(): void;
}

export function DeleteJourneyDialog({ name, onCancel, onConfirm }: DeleteJourneyDialogProps) {
  return (
    <ConfirmDialog title="Delete journey?" confirmLabel="Delete" onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        “{name}” will be removed from the list. You can bring it back with <strong>Undo</strong> (Ctrl+Z) right after.
      </p>
    </ConfirmDialog>
  );
}
