import { useWorkspaces } from '../../store/workspaces';
import { NewWorkspaceDialog } from './NewWorkspaceDialog';
import { OpenFolderDialog } from './OpenFolderDialog';
import { SwitchingOverlay } from './SwitchingOverlay';

/** The workspace dialogs and the switching overlay, mounted once by the app shell. */
export function WorkspaceDialogs() {
  const { dialog, show } = useWorkspaces();
  // A <dialog> says it closed a moment after it is taken away; by then another may be showing.
  const close = () => {
    if (useWorkspaces.getState().dialog === dialog) show(undefined);
  };
  return (
    <>
      {dialog?.kind === 'new' ? <NewWorkspaceDialog key={`new:${dialog.parent ?? ''}:${dialog.folder ?? ''}`} parent={dialog.parent} folder={dialog.folder} onClose={close} /> : null}
      {dialog?.kind === 'open' ? <OpenFolderDialog key={`open:${dialog.path ?? ''}`} path={dialog.path} inspection={dialog.inspection} onClose={close} /> : null}
      <SwitchingOverlay />
    </>
  );
}
