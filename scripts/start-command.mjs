// What `npm start` runs: Electron's main process, or, where Electron's binary can't be had, the same
// studio served for the browser (`journey-studio serve`). Both get the user's arguments, so
// `npm start -- --virtual-time` (or `--workspace DIR`) means the same in either.
export function startCommand(electron, args, node = process.execPath) {
  if (electron.path) return { command: electron.path, args: ['dist/app/main.mjs', ...args] };
  return {
    command: node,
    args: ['bin/journey-studio.mjs', 'serve', ...args],
    note: `Electron's binary can't be had here (${electron.why}), so Journey Studio opens in your browser instead:`,
  };
}
