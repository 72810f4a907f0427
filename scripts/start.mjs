// `npm start`: the desktop app where Electron's binary can be had; otherwise one line saying so,
// then the same studio served in the browser (`journey-studio serve`), so the command works everywhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findElectronBinary } from './electron-binary.mjs';
import { startCommand } from './start-command.mjs';

if (!existsSync('dist/host/cli.mjs') || !existsSync('dist/app/main.mjs')) {
  spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
}

let electron = findElectronBinary();
if (!electron.path && existsSync('node_modules/electron/install.js')) {
  // Electron 45 fetches its binary on first use; try once, quietly (it fails fast offline).
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 180_000 });
  electron = findElectronBinary();
}

const start = startCommand(electron, process.argv.slice(2));
if (start.note) console.log(start.note);
const child = spawn(start.command, start.args, { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
