import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onCancel(): void;
  onConfirm(): void;
}

/** "Are you sure?" for destructive actions: Cancel, and a danger button that has the focus. */
export function ConfirmDialog({ title, confirmLabel, children, onCancel, onConfirm }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      onSubmit={onConfirm}
      submit={{ label: confirmLabel, tone: 'danger' }}
    >
      {children}
    </Dialog>
  );
}
