export function startCommand(
  electron: { path?: string; why?: string },
  args: string[],
  node?: string,
): { command: string; args: string[]; note?: string };
