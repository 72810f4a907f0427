export function findElectronBinary(root?: string): { path?: string; why?: string };
