import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The packaging configuration points at files that exist and at the built entry points. */
describe('electron-builder configuration', () => {
  const config = readFileSync('electron-builder.yml', 'utf8');
  it('names the app, its targets, the icons and the native module rebuild', () => {
    for (const needle of ['appId: com.journeystudio.app', 'AppImage', 'deb', 'target: dmg', 'target: nsis', 'npmRebuild: true', 'node_modules/better-sqlite3/**']) {
      expect(config).toContain(needle);
    }
    for (const icon of ['assets/icon.png', 'assets/icons/512x512.png', 'assets/icons/256x256.png']) expect(existsSync(icon), icon).toBe(true);
  });
  it('starts the built Electron main process', () => {
    expect(config).toContain('main: dist/app/main.mjs');
    expect(JSON.parse(readFileSync('package.json', 'utf8')).main).toBe('dist/app/main.mjs');
  });
});
