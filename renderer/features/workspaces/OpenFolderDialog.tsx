import { useId, useState } from 'react';
import type { FolderInspection } from '../../../shared/domain/workspace';
import { studio } from '../../api/instance';
import { useWorkspaces } from '../../store/workspaces';
import { Dialog } from '../../ui/Dialog';

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
  const inputId = useId();
  const helpId = useId();

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
  const browse = async () => {
    const picked = await studio.transport.pickFolder?.('open');
    if (!picked) return;
    setPath(picked);
    await run(async () => setFound(await studio.api['workspaces.inspect']({ path: picked })));
  };

  const canMake = found?.state === 'empty';
  const problem = found && found.state !== 'workspace' && found.state !== 'empty' ? found.message : undefined;
  return (
    <Dialog
      title="Open a workspace folder"
      onClose={onClose}
      onSubmit={() => void (canMake ? open(true) : check())}
      actions={
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
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={working}>
            {canMake ? 'Make a workspace here' : 'Open'}
          </button>
        </>
      }
    >
      <label htmlFor={inputId} className="field-label">
        Folder path
      </label>
      <div className="workspace-path-row">
        <input
          id={inputId}
          className={`text-input mono${problem || error ? ' text-input-invalid' : ''}`}
          value={path}
          autoFocus
          spellCheck={false}
          placeholder={list ? `${list.newWorkspaceParent}${list.separator}…` : undefined}
          aria-describedby={helpId}
          aria-invalid={problem || error ? true : undefined}
          onChange={(event) => {
            setPath(event.target.value);
            setFound(undefined);
            setError(undefined);
          }}
        />
        {studio.transport.pickFolder ? (
          <button type="button" className="button" onClick={() => void browse()}>
            Browse…
          </button>
        ) : null}
      </div>
      <div className="field-help">
        <span id={helpId}>The workspace’s folder (it holds studio.db). ~ is your home folder.</span>
      </div>
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
