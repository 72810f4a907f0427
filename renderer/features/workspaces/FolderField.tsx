import { useId } from 'react';
import { studio } from '../../api/instance';

interface FolderFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  help: string;
  /** The desktop's folder dialog behind a button ("Browse…", "Choose…"); absent in the browser. */
  pickLabel: string;
  onPicked(path: string): void;
  purpose: 'open' | 'create';
  invalid?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  className?: string;
}

/** A folder path: typed (any host), or picked in the system's folder dialog (desktop). */
export function FolderField({ label, value, onChange, help, pickLabel, onPicked, purpose, invalid, autoFocus, placeholder, className }: FolderFieldProps) {
  const inputId = useId();
  const helpId = useId();
  const pick = studio.transport.pickFolder;
  return (
    <>
      <label htmlFor={inputId} className={`field-label${className ? ` ${className}` : ''}`}>
        {label}
      </label>
      <div className="workspace-path-row">
        <input
          id={inputId}
          className={`text-input mono${invalid ? ' text-input-invalid' : ''}`}
          value={value}
          autoFocus={autoFocus}
          spellCheck={false}
          placeholder={placeholder}
          aria-describedby={helpId}
          aria-invalid={invalid ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {pick ? (
          <button
            type="button"
            className="button"
            onClick={() =>
              void pick(purpose).then((picked) => {
                if (picked) onPicked(picked);
              })
            }
          >
            {pickLabel}
          </button>
        ) : null}
      </div>
      <div className="field-help">
        <span id={helpId}>{help}</span>
      </div>
    </>
  );
}
