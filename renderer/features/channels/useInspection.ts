import { useEffect, useState } from 'react';
import type { CredentialInspection, CredentialKind } from '../../../shared/domain/channel';
import { studio } from '../../api/instance';
import type { PickedFile } from '../../ui/files';

/** Asks the core what a picked credential file is, or what is wrong with it, as soon as it is picked. */
export function useInspection(kind: CredentialKind, file: PickedFile | undefined, passphrase?: string) {
  const [state, setState] = useState<{ inspection?: CredentialInspection; error?: string; checking: boolean }>({ checking: false });
  useEffect(() => {
    if (!file) {
      setState({ checking: false });
      return;
    }
    let live = true;
    setState({ checking: true });
    const timer = setTimeout(() => {
      studio.api['channels.inspectCredential']({
        kind,
        file: { fileName: file.fileName, contentBase64: file.contentBase64 },
        ...(kind === 'p12' ? { passphrase: passphrase ?? '' } : {}),
      }).then(
        (inspection) => live && setState({ inspection, checking: false }),
        (error: Error) => live && setState({ error: error.message, checking: false }),
      );
    }, kind === 'p12' ? 300 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, file, passphrase]);
  return state;
}
