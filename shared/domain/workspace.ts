import { z } from 'zod';
import { nameSchema } from './names.js';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

/** Settings a workspace keeps beside its database (settings.json). */
export const workspaceSettingsSchema = z.object({
  theme: themeSchema,
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const workspaceInfoSchema = z.object({
  name: z.string(),
  path: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  host: z.enum(['electron', 'headless']),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const WORKSPACE_NAME_MAX = 80;

/** A workspace's name as the marketer types it in "New workspace…". */
export const workspaceNameSchema = nameSchema(WORKSPACE_NAME_MAX, { empty: 'Give the workspace a name' });

/**
 * A folder path as typed (or picked in a dialog). Only its shape is checked here: the host
 * resolves it (a leading ~, absolute only) and looks at the folder itself before using it.
 */
export const folderPathSchema = z
  .string({ error: 'Path must be text' })
  .trim()
  .min(1, { error: 'Enter the folder’s full path' })
  .max(4096, { error: 'Path is longer than any folder can be' })
  .refine((value) => !value.includes('\u0000'), { error: 'Path must not contain a NUL character' });

/**
 * What a folder is, for opening it as a workspace: a workspace (it holds studio.db), an empty
 * folder (a workspace can be made there), or one of the reasons it can't be opened.
 */
export const folderStateSchema = z.enum(['workspace', 'empty', 'missing', 'not_folder', 'not_workspace', 'too_new', 'unreadable']);
export type FolderState = z.infer<typeof folderStateSchema>;

export const folderInspectionSchema = z.object({
  /** The resolved absolute path. */
  path: z.string(),
  state: folderStateSchema,
  /** One sentence a marketer can act on. */
  message: z.string(),
  /** The workspace's name, when the folder is one. */
  name: z.string().optional(),
  schemaVersion: z.number().int().optional(),
});
export type FolderInspection = z.infer<typeof folderInspectionSchema>;

export const workspaceRefSchema = z.object({ name: z.string(), path: z.string() });
export type WorkspaceRef = z.infer<typeof workspaceRefSchema>;

export const recentWorkspaceSchema = workspaceRefSchema.extend({
  openedAt: z.string(),
  /** The folder (or its studio.db) is gone: it can only be removed from the list. */
  missing: z.boolean(),
});
export type RecentWorkspace = z.infer<typeof recentWorkspaceSchema>;

export const workspacesListSchema = z.object({
  current: workspaceRefSchema,
  /** Recently opened workspaces other than the current one, newest first. */
  recent: z.array(recentWorkspaceSchema),
  /** Where "New workspace…" proposes to put the folder. */
  newWorkspaceParent: z.string(),
  /** The host's path separator, to join a proposed folder name to newWorkspaceParent. */
  separator: z.enum(['/', '\\']),
});
export type WorkspacesList = z.infer<typeof workspacesListSchema>;

/** Progress of a switch, so every window can say what is happening and reload when it is done. */
export const workspaceSwitchSchema = z.object({
  state: z.enum(['closing', 'opening', 'done', 'failed']),
  /** The workspace being opened. */
  name: z.string(),
  path: z.string(),
  /** While closing: operations still running in the workspace being closed. */
  waitingFor: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
});
export type WorkspaceSwitch = z.infer<typeof workspaceSwitchSchema>;
