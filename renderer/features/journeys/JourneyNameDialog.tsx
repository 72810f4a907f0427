import { useId, useState } from 'react';
import { JOURNEY_NAME_MAX, journeyNameSchema } from '../../../shared/domain/journey';
import { Dialog } from '../../ui/Dialog';

interface JourneyNameDialogProps {
  title: string;
  submitLabel: string;
  initialName: string;
  onCancel(): void;
  /** Resolves true when the name was saved (the dialog then closes). */
  onSubmit(name: string): Promise<boolean>;
}

/** Asks for a journey name, checked with the same schema the core uses, so the message matches. */
/** Mounted while open: each opening starts from initialName. */
export function JourneyNameDialog({ title, submitLabel, initialName, onCancel, onSubmit }: JourneyNameDialogProps) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const check = journeyNameSchema.safeParse(name);
  const error = check.success ? undefined : check.error.issues[0]?.message;
  const showError = touched && error;

  const submit = async () => {
    setTouched(true);
    if (!check.success || saving) return;
    setSaving(true);
    try {
      if (await onSubmit(check.data)) onCancel();
    } finally {
      setSaving(false);
    }
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
          <button type="submit" className="button button-primary" disabled={saving}>
            {submitLabel}
          </button>
        </>
      }
    >
      <label htmlFor={inputId} className="field-label">
        Journey name
      </label>
      <input
        id={inputId}
        className={`text-input${showError ? ' text-input-invalid' : ''}`}
        value={name}
        autoFocus
        placeholder="e.g. Welcome series"
        aria-invalid={showError ? true : undefined}
        aria-describedby={errorId}
        onChange={(event) => {
          setName(event.target.value);
          setTouched(true);
        }}
        onFocus={(event) => event.target.select()}
      />
      <div className="field-help">
        <span id={errorId} className={showError ? 'field-error' : undefined} role={showError ? 'alert' : undefined}>
          {showError ? error : 'Marketers see this name in the list, on the canvas and in reports.'}
        </span>
        <span className={name.trim().length > JOURNEY_NAME_MAX ? 'field-error' : 'field-count'}>
          {name.trim().length}/{JOURNEY_NAME_MAX}
        </span>
      </div>
    </Dialog>
  );
}
