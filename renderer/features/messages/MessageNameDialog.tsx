import { useId, useState } from 'react';
import { MESSAGE_NAME_MAX, messageNameSchema } from '../../../shared/domain/message';
import { Dialog } from '../../ui/Dialog';

/** Asks for a message name, checked with the core's schema. Mounted while open. */
export function MessageNameDialog({ title, submitLabel, initialName, onCancel, onSubmit }: { title: string; submitLabel: string; initialName: string; onCancel(): void; onSubmit(name: string): Promise<boolean> }) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const inputId = useId();
  const check = messageNameSchema.safeParse(name);
  const error = touched && !check.success ? check.error.issues[0]?.message : undefined;
  const submit = async () => {
    setTouched(true);
    if (check.success && (await onSubmit(check.data))) onCancel();
  };
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            {submitLabel}
          </button>
        </>
      }
    >
      <label htmlFor={inputId} className="field-label">
        Message name
      </label>
      <input id={inputId} className={`text-input${error ? ' text-input-invalid' : ''}`} value={name} autoFocus placeholder="e.g. Cart reminder" aria-invalid={error ? true : undefined} onChange={(e) => { setName(e.target.value); setTouched(true); }} onFocus={(e) => e.target.select()} />
      <div className="field-help">
        <span className={error ? 'field-error' : undefined} role={error ? 'alert' : undefined}>
          {error ?? 'Only the studio shows this name; recipients see the title and body.'}
        </span>
        <span className="field-count">
          {name.trim().length}/{MESSAGE_NAME_MAX}
        </span>
      </div>
    </Dialog>
  );
}
