import path from 'node:path';
import type { HandlersFor, WorkspaceChannelName } from '../../shared/contract.js';
import type { WorkspaceRef, WorkspacesList } from '../../shared/domain/workspace.js';
import { StudioError } from '../../shared/errors.js';
import { cannotOpen, inspectFolder, isWorkspaceFolder, resolveFolderPath } from '../services/workspace/folder-check.js';
import type { RecentWorkspaces } from '../services/workspace/recent-workspaces.js';
import { prepareWorkspaceFolder } from '../services/workspace/workspace.js';
import type { WorkspaceSession } from './workspace-session.js';

/**
 * The workspaces.* channels. Every path from the renderer is resolved and the folder looked at
 * here, in the host's process, before anything is opened, made or closed.
 */
export function workspaceHandlers(
  session: WorkspaceSession,
  { recent, newWorkspaceParent }: { recent: RecentWorkspaces; newWorkspaceParent: string },
): HandlersFor<WorkspaceChannelName> {
  const current = (): WorkspaceRef => ({ name: session.core.workspace.name, path: session.core.workspace.dir });
  const list = (): WorkspacesList => {
    const open = current();
    return {
      current: open,
      recent: recent
        .list()
        .filter((entry) => entry.path !== open.path)
        .map((entry) => ({ ...entry, missing: !isWorkspaceFolder(entry.path) })),
      newWorkspaceParent,
      separator: path.sep === '\\' ? '\\' : '/',
    };
  };
  // A new workspace starts with the theme the user is looking at, not the default.
  const newFolder = (dir: string, name: string) => prepareWorkspaceFolder(dir, { name, theme: session.core.workspace.settings.get().theme });

  return {
    'workspaces.list': list,
    'workspaces.inspect': ({ path: input }) => inspectFolder(resolveFolderPath(input)),
    'workspaces.open': async ({ path: input, create }) => {
      const dir = resolveFolderPath(input);
      const found = inspectFolder(dir);
      if (found.state === 'workspace') {
        await session.switchTo(dir, found.name ?? path.basename(dir));
      } else if (found.state === 'empty' && create) {
        await session.switchTo(dir, path.basename(dir), () => newFolder(dir, path.basename(dir)));
      } else {
        throw cannotOpen(found);
      }
      return current();
    },
    'workspaces.create': async ({ name, path: input }) => {
      const dir = resolveFolderPath(input);
      const found = inspectFolder(dir);
      if (found.state === 'workspace') {
        throw new StudioError('conflict', `${dir} already holds a workspace (“${found.name}”). Open it with Open folder…, or pick another folder.`);
      }
      if (found.state !== 'missing' && found.state !== 'empty') throw cannotOpen(found);
      await session.switchTo(dir, name, () => newFolder(dir, name));
      return current();
    },
    'workspaces.forget': ({ path: input }) => {
      const dir = resolveFolderPath(input);
      if (dir === session.core.workspace.dir) throw new StudioError('conflict', 'This is the open workspace: switch to another one before removing it from the list.');
      recent.forget(dir);
      return list();
    },
  };
}
