// Bundled to dist/host/cli.mjs: the `journey-studio` command.
import { main } from './cli.js';

void main();
