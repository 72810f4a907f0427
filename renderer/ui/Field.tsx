import { type ReactNode, useId } from 'react';

interface FieldProps {
  label: string;
  /** Shown under the control (pass it once the user tried to submit). */
  error?: string | undefined;
  /** The control, given the id its label points at. */
  children(id: string): ReactNode;
}

/** One row of a `.form-grid`: the label in the first column, the control and its error in the second. */
export function Field({ label, error, children }: FieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div>
        {children(id)}
        <FieldError message={error} />
      </div>
    </>
  );
}

/** A control's error, read out when it appears; nothing when there is none. */
export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <span className="field-error" role="alert">
      {message}
    </span>
  ) : null;
}
