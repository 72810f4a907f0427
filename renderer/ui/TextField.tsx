import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown (and read out) in place of the help while set. */
  error?: string | undefined;
  help: string;
  /** Characters used (trimmed) out of `max`, beside the help; red past it. */
  counter?: { max: number };
  placeholder?: string;
  maxLength?: number;
  autoFocus?: boolean;
  /** Select the text when focused (renaming: typing replaces the old name). */
  selectOnFocus?: boolean;
}

/**
 * A labelled text input with its help line: the help, or the error once there is one, tied to the
 * input by aria-describedby, and an optional character counter. The name fields of the dialogs.
 */
export function TextField({ label, value, onChange, error, help, counter, placeholder, maxLength, autoFocus, selectOnFocus }: TextFieldProps) {
  const inputId = useId();
  const helpId = useId();
  const used = value.trim().length;
  return (
    <>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        className={`text-input${error ? ' text-input-invalid' : ''}`}
        value={value}
        autoFocus={autoFocus}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.value)}
        onFocus={selectOnFocus ? (event) => event.target.select() : undefined}
      />
      <div className="field-help">
        <span id={helpId} className={error ? 'field-error' : undefined} role={error ? 'alert' : undefined}>
          {error ?? help}
        </span>
        {counter ? (
          <span className={used > counter.max ? 'field-error' : 'field-count'}>
            {used}/{counter.max}
          </span>
        ) : null}
      </div>
    </>
  );
}
