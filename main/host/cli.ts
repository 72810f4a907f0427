import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ruleSchema } from '../../shared/domain/audience.js';
import { type ImportReport, importFormatSchema, namespaceSchema } from '../../shared/domain/profile.js';
import { StudioError, invalidInput } from '../../shared/errors.js';
import type { Core } from '../core.js';
import { type SandboxCredentials, sandboxCredentialsSchema } from '../simulators/credentials.js';
import { startSandbox } from '../simulators/sandbox.js';
import { CHANNEL_HELP, ChannelUsageError, channelCommand } from './commands/channel.js';
import { DELIVER_HELP, DeliverUsageError, deliverCommand } from './commands/deliver.js';
import { REPORT_HELP, ReportUsageError, reportCommand } from './commands/report.js';
import { JOURNEY_HELP, JourneyUsageError, journeyCommand, validateJourneyFile } from './commands/journey.js';
import { MESSAGE_HELP, MessageUsageError, messageCommand } from './commands/message.js';
import { seedDemoWorkspace } from '../services/demo/seed-demo.js';
import { openHeadlessCore } from './headless-core.js';
import { APP_NAME, APP_VERSION } from '../version.js';
import { createWorkspaceSession } from '../session/workspace-session.js';
import type { RecentWorkspaces } from '../services/workspace/recent-workspaces.js';
import { consoleLogger } from '../services/log.js';
import { builtRendererDir, chooseWorkspaceDir, headlessRecentWorkspaces, userWorkspacesDir } from './paths.js';
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
  serve                     Serve the studio in your browser (127.0.0.1 only, with a per-launch access token)
  simulators                Run the local APNs and FCM simulators (the provider sandbox) until Ctrl+C
  channel                   Add, list, test and remove channel configurations (apps and their push credentials)
  journey                   Validate, import and export journey files (docs/journey-format.md)
  import profiles FILE      Import profiles from CSV, JSON, NDJSON or an XDM export (see docs/profile-import.md)
  import events FILE        Import experience events from CSV or NDJSON
  audience count FILE.json  Count the profiles an audience rule matches
  message                   Render a message's exact APNs and FCM payloads; list, export and import messages
  deliver                   Send what is ready in the outbox (all journeys, or one with --journey ID) and print a summary
  report                    Write the journey report or the push report (CSV, JSON, PDF) or the raw delivery log

Options for every command:
  --workspace DIR   The workspace folder (default: $JOURNEY_STUDIO_WORKSPACE, else the one used last,
                    else the default one in your data folder)
  --json            Print machine-readable JSON
  -h, --help        Show this help
  -v, --version     Show the version

serve:
  --port N          Listen on port N (default: a free port)
  --demo            Fill a new workspace with the demo data (the default workspace gets it on first start)
  --no-demo         Start a new default workspace empty
  --virtual-time    Let the studio's clock be moved on from a live journey (to watch waits end
                    without waiting); it starts at real time and goes back to it on restart

simulators:
  --apns-port N     APNs sandbox listener on port N, production on N+1 (default: free ports)
  --fcm-port N      FCM listener on port N (default: a free port)
  --out DIR         Where to write ca.pem and sandbox-credentials.json (default: WORKSPACE/sandbox);
                    credentials found there are reused, so clients keep working across restarts
import profiles:
  --format F        csv, json, ndjson or xdm (default: from the file's extension and first character)
  --id-namespace NS Match existing profiles by this identity namespace only (default: any identity)

${CHANNEL_HELP}

${JOURNEY_HELP}

${MESSAGE_HELP}

${DELIVER_HELP}
${REPORT_HELP}

Exit codes: 0 ok (an import with rejected rows is ok: the report lists them), 1 failed, 2 bad usage.
`;

class UsageError extends Error {}

/** The workspace folder for a command (see chooseWorkspaceDir), saying so when the last one was passed over. */
function workspaceFor(flag: string | undefined, io: CliIo, recent?: RecentWorkspaces): string {
  const chosen = chooseWorkspaceDir(flag, io.env, recent);
  if (chosen.note) io.err(chosen.note);
  return chosen.dir;
}

function parsePort(value: string | undefined, flag = '--port', max = 65535): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`${flag} must be a number from 0 to ${max}, not "${value}".`);
  return Number(value);
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      demo: { type: 'boolean' },
      'virtual-time': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
    allowNegative: true,
  });
  const port = parsePort(values.port);
  if (!existsSync(path.join(io.rendererDir, 'index.html'))) {
    io.err(`The studio's interface is not built (${io.rendererDir} has no index.html). Run \`npm run build\` first.`);
    return EXIT.failed;
  }
  const recent = headlessRecentWorkspaces(io.env);
  // Virtual time is the host's mode, so a workspace opened by a switch gets it too.
  const coreOptions = { runEngine: true, virtualTime: values['virtual-time'] };
  const core = openHeadlessCore(workspaceFor(values.workspace, io, recent), io.env, coreOptions);
  // A first start in the default workspace (or --demo on a new one) gets the demo workspace, made
  // before the host answers so the first page shows it whole.
  const demo = values.demo ?? values.workspace === undefined;
  if (demo && core.workspace.created) {
    try {
      await seedDemoWorkspace(core, { onProgress: (step) => (values.json ? undefined : io.out(step)) });
    } catch (error) {
      io.err(`The demo workspace could not be made: ${(error as Error).message}. The studio starts with an empty workspace.`);
    }
  }
  // The provider sandbox starts with the workspace, so simulated devices and sends are ready at
  // once; the dispatcher drains the outbox while the host runs (the engine and test sends fill it).
  const started = (opened: Core) => {
    opened.sandbox.start().catch((error: Error) => io.err(error.message));
    opened.delivery.dispatcher.start();
    return opened;
  };
  // The UI may switch workspaces while the host runs; the new folder is printed as the first was.
  const session = createWorkspaceSession({
    initial: started(core),
    openCore: (dir) => started(openHeadlessCore(dir, io.env, coreOptions)),
    recent,
    newWorkspaceParent: userWorkspacesDir(io.env),
    logger: consoleLogger,
    onSwitched: (opened) => io.out(values.json ? JSON.stringify({ workspace: opened.workspace.dir }) : `Workspace: ${opened.workspace.dir}`),
  });
  let host;
  try {
    host = await startHeadlessHost({ session, rendererDir: io.rendererDir, port });
  } catch (error) {
    await session.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.err(`Port ${port} is already in use. Pick another with --port, or leave it out to use a free one.`);
      return EXIT.failed;
    }
    throw error;
  }
  if (values.json) {
    io.out(JSON.stringify({ url: host.url, port: host.port, workspace: core.workspace.dir }));
  } else {
    io.out(`${APP_NAME} is running at ${host.url}`);
    io.out(`Workspace: ${core.workspace.dir}`);
    io.out('Press Ctrl+C to stop.');
  }
  await io.untilStopped();
  await host.close();
  await session.close();
  return EXIT.ok;
}

const CREDENTIALS_FILE = 'sandbox-credentials.json';

function readKeptCredentials(file: string): SandboxCredentials | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    json = undefined;
  }
  const parsed = sandboxCredentialsSchema.safeParse(json);
  if (!parsed.success) throw new StudioError('invalid_input', `${file} is not a sandbox credentials file. Move it away or pick another --out folder.`);
  return parsed.data;
}

async function simulators(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'apns-port': { type: 'string' },
      'fcm-port': { type: 'string' },
      out: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const apnsPort = parsePort(values['apns-port'], '--apns-port', 65534);
  const fcmPort = parsePort(values['fcm-port'], '--fcm-port');
  const outDir = path.resolve(values.out ?? path.join(workspaceFor(values.workspace, io), 'sandbox'));
  const credentialsFile = path.join(outDir, CREDENTIALS_FILE);
  const kept = readKeptCredentials(credentialsFile);
  let sandbox;
  try {
    sandbox = await startSandbox({ ...(kept ? { credentials: kept } : {}), ports: { apnsSandbox: apnsPort, apnsProduction: apnsPort ? apnsPort + 1 : 0, fcm: fcmPort } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err('A simulator port is already in use. Pick others with --apns-port / --fcm-port, or leave them out to use free ones.');
      return EXIT.failed;
    }
    throw error;
  }
  mkdirSync(outDir, { recursive: true });
  const caFile = path.join(outDir, 'ca.pem');
  writeFileSync(caFile, sandbox.caPem);
  // The credentials hold private keys: readable by this user only, and never printed.
  writeFileSync(credentialsFile, `${JSON.stringify(sandbox.credentials, null, 2)}\n`, { mode: 0o600 });
  // A phone of each kind, so that a client can send something that arrives straight away.
  const iphone = sandbox.devices.registerIos({ bundleId: sandbox.credentials.apns.bundleIds[0]!, environment: 'sandbox', name: 'Sandbox iPhone' });
  const pixel = sandbox.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: sandbox.credentials.fcm.project_id, name: 'Sandbox Pixel' });
  const summary = {
    apns: { sandbox: { host: sandbox.apns.sandbox.host, port: sandbox.apns.sandbox.port }, production: { host: sandbox.apns.production.host, port: sandbox.apns.production.port } },
    fcm: { host: sandbox.fcm.host, port: sandbox.fcm.port, tokenUri: sandbox.fcm.tokenUri },
    ca: caFile,
    credentials: credentialsFile,
    credentialsReused: Boolean(kept),
    apnsKey: { keyId: sandbox.credentials.apns.keyId, teamId: sandbox.credentials.apns.teamId, bundleIds: sandbox.credentials.apns.bundleIds },
    serviceAccount: { projectId: sandbox.credentials.fcm.project_id, clientEmail: sandbox.credentials.fcm.client_email },
    devices: [
      { name: iphone.name, platform: 'ios', environment: 'sandbox', token: iphone.token },
      { name: pixel.name, platform: 'android', token: pixel.token },
    ],
  };
  if (values.json) {
    io.out(JSON.stringify(summary));
  } else {
    io.out(`APNs simulator: sandbox at ${summary.apns.sandbox.host}:${summary.apns.sandbox.port}, production at ${summary.apns.production.host}:${summary.apns.production.port} (HTTP/2, TLS)`);
    io.out(`FCM simulator:  https://localhost:${summary.fcm.port} (token endpoint ${summary.fcm.tokenUri})`);
    io.out(`CA certificate: ${caFile} (pass it as \`ca\`)`);
    io.out(`Credentials:    ${credentialsFile} (${kept ? 'reused' : 'new'}; APNs key ${summary.apnsKey.keyId}, team ${summary.apnsKey.teamId}; service account ${summary.serviceAccount.clientEmail})`);
    for (const device of summary.devices) io.out(`Device:         ${device.name} (${device.platform}) token ${device.token}`);
    io.out('Press Ctrl+C to stop.');
  }
  await io.untilStopped();
  await sandbox.close();
  return EXIT.ok;
}

/** Takes --workspace DIR and --json out of a command's arguments, leaving the rest to it. */
function commonOptions(args: string[]): { workspace: string | undefined; json: boolean; rest: string[] } {
  const rest: string[] = [];
  let workspace: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--workspace') {
      workspace = args[(i += 1)];
      if (workspace === undefined) throw new UsageError('--workspace needs a folder.');
    } else if (arg.startsWith('--workspace=')) workspace = arg.slice('--workspace='.length);
    else rest.push(arg);
  }
  return { workspace, json, rest };
}

/** Opens the workspace for one command, runs it, and closes the workspace whatever happens. */
async function withCore(args: string[], io: CliIo, run: (core: Core, rest: string[], json: boolean) => Promise<number>): Promise<number> {
  const { workspace, json, rest } = commonOptions(args);
  const core = openHeadlessCore(workspaceFor(workspace, io), io.env);
  try {
    return await run(core, rest, json);
  } finally {
    await core.close();
  }
}

function reportLines(report: ImportReport): string[] {
  const lines = [
    `${report.file}: ${report.state}${report.error ? ` — ${report.error}` : ''}`,
    `  rows ${report.rows}, imported ${report.imported}, updated ${report.updated}, rejected ${report.rejected} (${report.rowsPerSecond} rows/s)`,
  ];
  for (const r of report.reasons.slice(0, 10)) lines.push(`  ${r.count} × ${r.reason}`);
  for (const r of report.rejections.slice(0, 20)) lines.push(`  line ${r.line}, ${r.field}: ${r.reason}`);
  if (report.rejected > 20) lines.push(`  … ${report.rejected - 20} more rejected rows (--json prints the first 1000)`);
  return lines;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      'id-namespace': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [kind, file, ...extra] = positionals;
  if ((kind !== 'profiles' && kind !== 'events') || !file || extra.length) {
    throw new UsageError('Usage: journey-studio import profiles|events FILE [--format csv|json|ndjson|xdm] [--id-namespace NS].');
  }
  const format = values.format === undefined ? undefined : importFormatSchema.safeParse(values.format);
  if (format && !format.success) throw new UsageError(`--format must be csv, json, ndjson or xdm, not "${values.format}".`);
  const ns = values['id-namespace'] === undefined ? undefined : namespaceSchema.safeParse(values['id-namespace']);
  if (ns && !ns.success) throw new UsageError(`--id-namespace: ${ns.error.issues[0]?.message ?? 'not a namespace'}.`);
  if (!existsSync(file)) {
    io.err(`There is no file at ${path.resolve(file)}.`);
    return EXIT.failed;
  }
  const core = openHeadlessCore(workspaceFor(values.workspace, io), io.env);
  try {
    const staged = core.staged.stagePath(file);
    const job: { id?: string } = {};
    const finished = new Promise<ImportReport>((resolve) => {
      core.events.on((event) => {
        if (event.name !== 'profiles.import.progress' || event.payload.jobId !== job.id) return;
        if (event.payload.state !== 'running') resolve(event.payload);
        else if (!values.json) io.err(`  ${event.payload.rows} rows, ${event.payload.rowsPerSecond} rows/s…`);
      });
    });
    const started = (await core.dispatch('profiles.import.start', {
      uploadId: staged.uploadId,
      kind,
      format: format?.data,
      idNamespace: ns?.data,
    })) as ImportReport;
    job.id = started.jobId;
    const report = await finished;
    if (values.json) io.out(JSON.stringify(report));
    else for (const line of reportLines(report)) io.out(line);
    return report.state === 'done' ? EXIT.ok : EXIT.failed;
  } finally {
    await core.close();
  }
}

async function audienceCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  const [verb, file, ...extra] = positionals;
  if (verb !== 'count' || !file || extra.length) throw new UsageError('Usage: journey-studio audience count FILE.json.');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    io.err(`Cannot read the rule in ${file}: ${(error as Error).message}`);
    return EXIT.failed;
  }
  // The file holds a rule, or a saved audience ({name, rule}).
  const candidate = typeof raw === 'object' && raw !== null && 'rule' in raw ? (raw as { rule: unknown }).rule : raw;
  const rule = ruleSchema.safeParse(candidate);
  if (!rule.success) throw invalidInput(rule.error, `audience rule in ${file}`);
  const core = openHeadlessCore(workspaceFor(values.workspace, io), io.env);
  try {
    const result = (await core.dispatch('audiences.preview', { rule: rule.data, sample: 0 })) as { count: number; ms: number };
    io.out(values.json ? JSON.stringify({ count: result.count, ms: result.ms }) : String(result.count));
    return EXIT.ok;
  } finally {
    await core.close();
  }
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
      case 'simulators':
        return await simulators(rest, io);
      case 'channel':
        return await withCore(rest, io, (core, args, json) => channelCommand(args, core, io, json));
      case 'journey':
        if (rest[0] === 'validate') {
          const files = commonOptions(rest.slice(1)).rest;
          if (files.length !== 1) throw new JourneyUsageError('journey validate takes one file.');
          return validateJourneyFile(files[0]!, io.out);
        }
        return await withCore(rest, io, (core, args, json) => journeyCommand(args, core, io, json));
      case 'import':
        return await importCommand(rest, io);
      case 'audience':
        return await audienceCommand(rest, io);
      case 'message':
        return await withCore(rest, io, (core, args, json) => messageCommand(args, core, io, json));
      case 'deliver':
        return await withCore(rest, io, (core, args, json) => deliverCommand(args, core, io, json));
      case 'report':
        return await withCore(rest, io, (core, args, json) => reportCommand(args, core, io, json));
      default:
        io.err(`Unknown command "${command}". Run journey-studio --help to see the commands.`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ChannelUsageError || error instanceof JourneyUsageError || error instanceof MessageUsageError || error instanceof DeliverUsageError || error instanceof ReportUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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
