import Conf from 'conf';
import { z } from 'zod';
import type { WorkspaceRef } from '../../../shared/domain/workspace.js';
import { inspectFolder } from './folder-check.js';

export const MAX_RECENT_WORKSPACES = 12;

const entrySchema = z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() });
const storedSchema = z.object({ last: z.string().optional(), recent: z.array(entrySchema).default([]) });
type Stored = z.infer<typeof storedSchema>;
export type RecentEntry = z.infer<typeof entrySchema>;

export interface RecentWorkspaces {
  /** Newest first. */
  list(): RecentEntry[];
  /** The workspace open when the studio was last used. */
  last(): string | undefined;
  /** Puts a workspace at the top of the list and makes it the last used. */
  remember(workspace: WorkspaceRef, when?: Date): void;
  forget(path: string): void;
}

/**
 * The recently opened workspaces, kept in the studio's own settings folder (outside every
 * workspace): the desktop app's user-data folder, or the headless host's config folder. A file
 * edited by hand into something else reads as an empty list rather than breaking start-up.
 */
export function openRecentWorkspaces(configDir: string): RecentWorkspaces {
  const conf = new Conf<Record<string, unknown>>({
    cwd: configDir,
    configName: 'recent-workspaces',
    projectName: 'journey-studio',
    projectSuffix: '',
    clearInvalidConfig: true,
  });
  const read = (): Stored => {
    const parsed = storedSchema.safeParse(conf.store);
    return parsed.success ? parsed.data : { recent: [] };
  };
  const write = (next: Stored) => {
    conf.store = next.last === undefined ? { recent: next.recent } : { last: next.last, recent: next.recent };
  };
  return {
    list: () => read().recent,
    last: () => read().last,
    remember(workspace, when = new Date()) {
      const { recent } = read();
      const entry = { path: workspace.path, name: workspace.name, openedAt: when.toISOString() };
      write({ last: workspace.path, recent: [entry, ...recent.filter((r) => r.path !== workspace.path)].slice(0, MAX_RECENT_WORKSPACES) });
    },
    forget(path) {
      const stored = read();
      write({ ...stored, recent: stored.recent.filter((r) => r.path !== path) });
    },
  };
}

/**
 * Which workspace a host opens when none is named: the last one used, if it is still a workspace
 * this build can open, else the default. `note` says why the last one was passed over.
 */
export function startWorkspace(recent: Pick<RecentWorkspaces, 'last'>, fallback: string): { dir: string; note?: string } {
  const last = recent.last();
  if (last === undefined || last === fallback) return { dir: fallback };
  const found = inspectFolder(last);
  if (found.state === 'workspace') return { dir: last };
  return { dir: fallback, note: `The last workspace used could not be opened: ${found.message} Opened ${fallback} instead.` };
}
