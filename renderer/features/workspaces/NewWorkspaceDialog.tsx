import { useEffect, useState } from 'react';
import { WORKSPACE_NAME_MAX, workspaceNameSchema } from '../../../shared/domain/workspace';
import { studio } from '../../api/instance';
import { useWorkspaces } from '../../store/workspaces';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { FolderField } from './FolderField';
import { folderNameFor, joinPath } from './paths';

interface NewWorkspaceDialogProps {
  /** Where to propose the folder (default: the host's workspaces folder). */
  parent?: string;
  /** A folder already chosen (a missing path typed in Open folder…). */
  folder?: string;
  onClose(): void;
}

/**
 * "New workspace…": a name and a folder. The folder follows the name (inside the proposed parent)
 * until the user edits it or, on the desktop, picks another place in the folder dialog.
 */
export function NewWorkspaceDialog({ parent: initialParent, folder: initialFolder, onClose }: NewWorkspaceDialogProps) {
  const { list, refresh } = useWorkspaces();
  const [name, setName] = useState('');
  const [parent, setParent] = useState(initialParent);
  const [folder, setFolder] = useState(initialFolder);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!list) void refresh();
  }, [list, refresh]);

  const separator = list?.separator ?? '/';
  const base = parent ?? list?.newWorkspaceParent;
  const proposed = base ? joinPath(base, folderNameFor(name || 'New workspace'), separator) : '';
  const path = folder ?? proposed;
  const check = workspaceNameSchema.safeParse(name);
  const nameError = touched && !check.success ? check.error.issues[0]?.message : undefined;

  const submit = async () => {
    setTouched(true);
    if (!check.success || creating || !path.trim()) return;
    setCreating(true);
    setError(undefined);
    try {
      await studio.api['workspaces.create']({ name: check.data, path });
      // The host now switches; this window reloads when it says the switch is done.
    } catch (failure) {
      setError((failure as Error).message);
      setCreating(false);
    }
  };

  return (
    <Dialog
      title="New workspace"
      onClose={onClose}
      onSubmit={() => void submit()}
      submit={{ label: creating ? 'Creating…' : 'Create workspace', disabled: creating }}
    >
      <p className="workspace-dialog-lead">An empty workspace, with the Sandbox app channel to send to the simulators. The studio switches to it.</p>
      <TextField
        label="Name"
        value={name}
        onChange={(value) => {
          setName(value);
          setTouched(true);
        }}
        error={nameError}
        help="Shown in the workspace switcher."
        placeholder="e.g. Spring campaign"
        maxLength={WORKSPACE_NAME_MAX + 20}
        autoFocus
      />
      <FolderField
        label="Folder"
        className="workspace-dialog-gap"
        value={path}
        onChange={(value) => {
          setFolder(value);
          setError(undefined);
        }}
        help="A new or empty folder; it is made if it doesn’t exist."
        pickLabel="Choose…"
        purpose="create"
        onPicked={(picked) => {
          // The chosen place becomes the parent; the folder keeps following the name inside it.
          setParent(picked);
          setFolder(undefined);
        }}
      />
      {error ? (
        <p className="workspace-dialog-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
