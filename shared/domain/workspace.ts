import { z } from 'zod';

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
