import { type ReactNode, useEffect, useId, useRef } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons; put the primary action last. */
  actions: ReactNode;
  onSubmit?(): void;
  /** 'wide' for forms with several sections. */
  size?: 'normal' | 'wide';
}

/**
 * A modal dialog on the platform's own <dialog>: focus trapping, Escape to close, inert background
 * and the dialog role come from the browser, which is more dependable than re-implementing them.
 */
/** Mount it to open it, unmount it to close it. */
export function Dialog({ title, onClose, children, actions, onSubmit, size = 'normal' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className={`dialog${size === 'wide' ? ' dialog-wide' : ''}`} aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}
