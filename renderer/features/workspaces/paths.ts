/** Ctrl/Cmd+Shift+O: "Open folder…", as in code editors. */
export const OPEN_FOLDER_SHORTCUT = 'mod+shift+o';

/** A folder name for a workspace name: what no file system accepts in a name becomes "-". */
export function folderNameFor(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.trim().replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '-').replace(/[. ]+$/, '');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'Workspace' : cleaned;
}

/** parent + separator + name, without doubling a separator the parent already ends with. */
export function joinPath(parent: string, name: string, separator: string): string {
  return parent.endsWith(separator) ? `${parent}${name}` : `${parent}${separator}${name}`;
}
