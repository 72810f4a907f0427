import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../../shared/errors.js';
import { createCore } from '../core.js';
import { APP_NAME, APP_VERSION } from '../version.js';
import { builtRendererDir, defaultWorkspaceDir } from './paths.js';
import { startHeadlessHost } from './server.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks the long-running command to stop (Ctrl+C, SIGTERM). */
  untilStopped(): Promise<void>;
  rendererDir: string;
  env: NodeJS.ProcessEnv;
}

const HELP = `${APP_NAME} ${APP_VERSION}: build, preview and send push-notification journeys.

Usage: journey-studio <command> [options]

Commands:
  serve       Serve the studio in your browser (127.0.0.1 only, with a per-launch access token)

Options for every command:
  --workspace DIR   The workspace folder (default: $JOURNEY_STUDIO_WORKSPACE or your data folder)
  --json            Print machine-readable JSON
  -h, --help        Show this help
  -v, --version     Show the version

serve:
  --port N          Listen on port N (default: a free port)

Exit codes: 0 ok, 1 failed, 2 bad usage.
`;

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  return Number(value);
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = parsePort(values.port);
  if (!existsSync(path.join(io.rendererDir, 'index.html'))) {
    io.err(`The studio's interface is not built (${io.rendererDir} has no index.html). Run \`npm run build\` first.`);
    return EXIT.failed;
  }
  const workspaceDir = path.resolve(values.workspace ?? defaultWorkspaceDir(io.env));
  const core = createCore({ workspaceDir, host: 'headless' });
  let host;
  try {
    host = await startHeadlessHost({ core, rendererDir: io.rendererDir, port });
  } catch (error) {
    await core.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(`Port ${port} is already in use. Pick another with --port, or leave it out to use a free one.`);
      return EXIT.failed;
    }
    throw error;
  }
  if (values.json) {
    io.out(JSON.stringify({ url: host.url, port: host.port, workspace: workspaceDir }));
  } else {
    io.out(`${APP_NAME} is running at ${host.url}`);
    io.out(`Workspace: ${workspaceDir}`);
    io.out('Press Ctrl+C to stop.');
  }
  await io.untilStopped();
  await host.close();
  await core.close();
  return EXIT.ok;
}

/** Runs the CLI and returns its exit code; never calls process.exit itself (testable). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '-v' || command === '--version') {
      io.out(argv.includes('--json') ? JSON.stringify({ name: APP_NAME, version: APP_VERSION }) : APP_VERSION);
      return EXIT.ok;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(HELP);
      return EXIT.ok;
    }
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      default:
        io.err(`Unknown command "${command}". Run journey-studio --help to see the commands.`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message} Run journey-studio --help for usage.`);
      return EXIT.usage;
    }
    if (error instanceof StudioError) {
      io.err(error.message);
      return EXIT.failed;
    }
    io.err(`${APP_NAME} failed: ${(error as Error).message ?? String(error)}`);
    return EXIT.failed;
  }
}

/** Entry point of the built CLI (dist/host/cli.mjs). */
export async function main(): Promise<void> {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
    rendererDir: builtRendererDir(import.meta.url),
    env: process.env,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
