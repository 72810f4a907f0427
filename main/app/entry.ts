// Bundled to dist/app/main.mjs: the Electron main process.
import { startDesktopApp } from './main.js';

startDesktopApp().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
