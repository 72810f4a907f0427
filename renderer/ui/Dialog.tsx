import { type ReactNode, useEffect, useId, useRef } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** The submit button, after Cancel: the primary action, or a danger one (which then has the focus). */
  submit: { label: ReactNode; disabled?: boolean; tone?: 'primary' | 'danger' };
  /** Other buttons, before Cancel. */
  asides?: ReactNode;
  onSubmit?(): void;
  /** 'wide' for forms with several sections. */
  size?: 'normal' | 'wide';
}

/**
 * A modal dialog on the platform's own <dialog>: focus trapping, Escape to close, inert background
 * and the dialog role come from the browser, which is more dependable than re-implementing them.
 */
/** Mount it to open it, unmount it to close it. */
export function Dialog({ title, onClose, children, submit, asides, onSubmit, size = 'normal' }: DialogProps) {
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
        <div className="dialog-actions">
          {asides}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`button button-${submit.tone ?? 'primary'}`} disabled={submit.disabled} autoFocus={submit.tone === 'danger' || undefined}>
            {submit.label}
          </button>
        </div>
      </form>
    </dialog>
  );
}
