import { useState } from 'react';

export type JourneyDialog =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'rename'; id: string; name: string }
  | { kind: 'delete'; id: string; name: string };

/** Which journey dialog is open; shared by the list and the journey page. */
export function useJourneyDialogs() {
  const [dialog, setDialog] = useState<JourneyDialog>({ kind: 'none' });
  return { dialog, open: setDialog, close: () => setDialog({ kind: 'none' }) };
}
