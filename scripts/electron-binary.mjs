// Finds Electron's binary the way the `electron` package does, without triggering its download
// as a side effect of asking.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(root = process.cwd()) {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(pkg, 'package.json'))) return { why: 'the electron package is not installed' };
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(binary) ? { path: binary } : { why: `ELECTRON_OVERRIDE_DIST_PATH has no binary (${binary})` };
  }
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { why: "Electron's binary has not been downloaded" };
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { why: `Electron's binary is missing (${binary})` };
}
