import { useState } from 'react';
import type { FolderInspection } from '../../../shared/domain/workspace';
import { studio } from '../../api/instance';
import { useWorkspaces } from '../../store/workspaces';
import { Dialog } from '../../ui/Dialog';
import { FolderField } from './FolderField';

interface OpenFolderDialogProps {
  /** A folder picked in the desktop's dialog, with what the host found there. */
  path?: string;
  inspection?: FolderInspection;
  onClose(): void;
}

/**
 * "Open folder…" by path (the browser has no folder dialog the host could read): the host looks at
 * the folder first. A workspace opens; an empty folder can become one; anything else is explained,
 * with the way forward where there is one.
 */
export function OpenFolderDialog({ path: initialPath = '', inspection: initialInspection, onClose }: OpenFolderDialogProps) {
  const { list, show } = useWorkspaces();
  const [path, setPath] = useState(initialPath);
  const [found, setFound] = useState<FolderInspection | undefined>(initialInspection);
  const [error, setError] = useState<string>();
  const [working, setWorking] = useState(false);

  const run = async (step: () => Promise<void>) => {
    if (working) return;
    setWorking(true);
    setError(undefined);
    try {
      await step();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setWorking(false);
    }
  };

  const open = (create: boolean) => run(async () => void (await studio.api['workspaces.open']({ path: found?.path ?? path, create })));
  const check = () =>
    run(async () => {
      if (!path.trim()) throw new Error('Enter the folder’s full path.');
      const inspection = await studio.api['workspaces.inspect']({ path });
      setFound(inspection);
      if (inspection.state === 'workspace') await studio.api['workspaces.open']({ path: inspection.path });
    });
  const canMake = found?.state === 'empty';
  const problem = found && found.state !== 'workspace' && found.state !== 'empty' ? found.message : undefined;
  return (
    <Dialog
      title="Open a workspace folder"
      onClose={onClose}
      onSubmit={() => void (canMake ? open(true) : check())}
      asides={
        <>
          {found?.state === 'not_workspace' ? (
            <button type="button" className="button workspace-dialog-aside" onClick={() => show({ kind: 'new', parent: found.path })}>
              New workspace inside it…
            </button>
          ) : null}
          {found?.state === 'missing' ? (
            <button type="button" className="button workspace-dialog-aside" onClick={() => show({ kind: 'new', folder: found.path })}>
              New workspace there…
            </button>
          ) : null}
        </>
      }
      submit={{ label: canMake ? 'Make a workspace here' : 'Open', disabled: working }}
    >
      <FolderField
        label="Folder path"
        value={path}
        autoFocus
        invalid={Boolean(problem || error)}
        placeholder={list ? `${list.newWorkspaceParent}${list.separator}…` : undefined}
        onChange={(value) => {
          setPath(value);
          setFound(undefined);
          setError(undefined);
        }}
        help="The workspace’s folder (it holds studio.db). ~ is your home folder."
        pickLabel="Browse…"
        purpose="open"
        onPicked={(picked) => {
          setPath(picked);
          void run(async () => setFound(await studio.api['workspaces.inspect']({ path: picked })));
        }}
      />
      {canMake ? (
        <p className="workspace-dialog-note" role="status">
          This folder is empty. Make a new workspace in it?
        </p>
      ) : null}
      {problem || error ? (
        <p className="workspace-dialog-error" role="alert">
          {error ?? problem}
        </p>
      ) : null}
    </Dialog>
  );
}
