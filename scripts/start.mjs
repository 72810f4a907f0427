// `npm start`: the desktop app where Electron's binary can be had; otherwise one line saying so,
// then the same studio served in the browser (`journey-studio serve`), so the command works everywhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findElectronBinary } from './electron-binary.mjs';

if (!existsSync('dist/host/cli.mjs') || !existsSync('dist/app/main.mjs')) {
  spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
}

let electron = findElectronBinary();
if (!electron.path && existsSync('node_modules/electron/install.js')) {
  // Electron 45 fetches its binary on first use; try once, quietly (it fails fast offline).
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 180_000 });
  electron = findElectronBinary();
}

const passThrough = process.argv.slice(2);
const child = electron.path
  ? spawn(electron.path, ['dist/app/main.mjs', ...passThrough], { stdio: 'inherit' })
  : (console.log(`Electron's binary can't be had here (${electron.why}), so Journey Studio opens in your browser instead:`),
    spawn(process.execPath, ['bin/journey-studio.mjs', 'serve', ...passThrough], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
