import { useState } from 'react';
import type { z } from 'zod';
import { Dialog } from './Dialog';
import { TextField } from './TextField';

/** How a kind of item is named: the field's label and hints, and the core's own schema for the name. */
export interface Naming {
  label: string;
  placeholder: string;
  /** Shown under the field while the name is valid. */
  help: string;
  schema: z.ZodType<string>;
  max: number;
}

interface NameDialogProps {
  naming: Naming;
  title: string;
  submitLabel: string;
  initialName: string;
  onCancel(): void;
  /** Resolves true when the name was saved (the dialog then closes). */
  onSubmit(name: string): Promise<boolean>;
}

/**
 * Asks for a name (a journey's, a message's), checked with the schema the core uses, so the message
 * matches. Mounted while open: each opening starts from initialName.
 */
export function NameDialog({ naming, title, submitLabel, initialName, onCancel, onSubmit }: NameDialogProps) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);

  const check = naming.schema.safeParse(name);
  const error = check.success ? undefined : check.error.issues[0]?.message;

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
      submit={{ label: submitLabel, disabled: saving }}
    >
      <TextField
        label={naming.label}
        value={name}
        onChange={(value) => {
          setName(value);
          setTouched(true);
        }}
        error={touched ? error : undefined}
        help={naming.help}
        counter={{ max: naming.max }}
        placeholder={naming.placeholder}
        autoFocus
        selectOnFocus
      />
    </Dialog>
  );
}
