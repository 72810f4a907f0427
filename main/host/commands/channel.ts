import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChannelInput } from '../../../shared/contract.js';
import type { ChannelSummary, ConnectionTestResult } from '../../../shared/domain/channel.js';
import { StudioError } from '../../../shared/errors.js';
import type { Core } from '../../core.js';

export const CHANNEL_HELP = `journey-studio channel <add|list|test|remove>

  channel add --name NAME [--target live|sandbox]
              [--bundle-id ID --environment sandbox|production
                 (--p8 FILE --key-id ID --team-id ID | --p12 FILE --passphrase-env VAR)]
              [--fcm-service-account FILE [--android-package NAME]]
  channel list
  channel test ID        exit 1 when the test fails
  channel remove ID

Key material is read from the files and sealed in the workspace's vault; it is never printed.
A .p12 passphrase is read from the environment variable you name, never from the command line.`;

export class ChannelUsageError extends Error {}

function readCredential(file: string) {
  try {
    return { fileName: path.basename(file), contentBase64: readFileSync(file).toString('base64') };
  } catch (error) {
    throw new StudioError('invalid_input', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
}

function describe(channel: ChannelSummary): string[] {
  const lines = [`${channel.id}  ${channel.name}  (${channel.target === 'sandbox' ? 'sandbox simulators' : 'live: Apple and Google'})`];
  if (channel.ios) {
    const auth = channel.ios.auth.kind === 'p8' ? `.p8 key ${channel.ios.auth.keyId}, team ${channel.ios.auth.teamId}` : `.p12 certificate, expires ${channel.ios.auth.expiresAt.slice(0, 10)}`;
    lines.push(`  iOS      ${channel.ios.bundleId} · ${channel.ios.environment} · ${auth} · ${channel.ios.auth.fingerprint}`);
  }
  if (channel.android) lines.push(`  Android  ${channel.android.packageName ?? '(package = iOS bundle id)'} · ${channel.android.projectId} · ${channel.android.clientEmail} · ${channel.android.fingerprint}`);
  for (const warning of channel.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}

function describeTest(result: ConnectionTestResult): string[] {
  const lines: string[] = [];
  for (const check of result.checks) {
    lines.push(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.platform === 'ios' ? 'iOS' : 'Android'}: ${check.summary}`);
    if (check.fix) lines.push(`      ${check.fix}`);
    if (check.providerAnswer) lines.push(`      provider answered: ${check.providerAnswer}`);
  }
  return lines;
}

/** `journey-studio channel ...`: the Channels section from the command line. Returns the exit code. */
export async function channelCommand(
  args: string[],
  core: Core,
  io: { out(line: string): void; env: NodeJS.ProcessEnv },
  json: boolean,
): Promise<number> {
  const [sub, ...rest] = args;
  const print = (value: unknown, lines: string[]) => (json ? io.out(JSON.stringify(value, null, 2)) : lines.forEach((l) => io.out(l)));
  switch (sub) {
    case 'list': {
      const channels = (await core.dispatch('channels.list', {})) as ChannelSummary[];
      print(channels, channels.length ? channels.flatMap(describe) : ['No channels yet. Add one with: journey-studio channel add --help']);
      return 0;
    }
    case 'test':
    case 'remove': {
      const id = rest[0];
      if (!id || rest.length > 1) throw new ChannelUsageError(`channel ${sub} takes one channel id.`);
      if (sub === 'remove') {
        await core.dispatch('channels.delete', { id });
        print({ id, removed: true }, [`Removed ${id} and its sealed credentials.`]);
        return 0;
      }
      const result = (await core.dispatch('channels.test', { id })) as ConnectionTestResult;
      print(result, describeTest(result));
      return result.ok ? 0 : 1;
    }
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          target: { type: 'string', default: 'live' },
          'bundle-id': { type: 'string' },
          environment: { type: 'string' },
          p8: { type: 'string' },
          'key-id': { type: 'string' },
          'team-id': { type: 'string' },
          p12: { type: 'string' },
          'passphrase-env': { type: 'string' },
          'fcm-service-account': { type: 'string' },
          'android-package': { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      });
      if (!values.name) throw new ChannelUsageError('channel add needs --name.');
      if (values.target !== 'live' && values.target !== 'sandbox') throw new ChannelUsageError('--target is live or sandbox.');
      const wantsIos = values['bundle-id'] || values.p8 || values.p12;
      if (!wantsIos && !values['fcm-service-account']) {
        throw new ChannelUsageError('channel add needs an iOS app (--bundle-id with --p8 or --p12), an Android app (--fcm-service-account), or both.');
      }
      let ios: ChannelInput<'channels.create'>['ios'];
      if (wantsIos) {
        if (!values['bundle-id']) throw new ChannelUsageError('The iOS app needs --bundle-id.');
        if (values.environment !== 'sandbox' && values.environment !== 'production') {
          throw new ChannelUsageError('The iOS app needs --environment sandbox or --environment production.');
        }
        if (Boolean(values.p8) === Boolean(values.p12)) throw new ChannelUsageError('Give either --p8 (with --key-id and --team-id) or --p12 (with --passphrase-env).');
        if (values.p8) {
          if (!values['key-id'] || !values['team-id']) throw new ChannelUsageError('--p8 needs --key-id and --team-id.');
          ios = { bundleId: values['bundle-id'], environment: values.environment, auth: { kind: 'p8', file: readCredential(values.p8), keyId: values['key-id'], teamId: values['team-id'] } };
        } else {
          const variable = values['passphrase-env'];
          if (variable && io.env[variable] === undefined) throw new ChannelUsageError(`The environment variable ${variable} is not set.`);
          ios = {
            bundleId: values['bundle-id'],
            environment: values.environment,
            auth: { kind: 'p12', file: readCredential(values.p12!), passphrase: variable ? (io.env[variable] ?? '') : '' },
          };
        }
      }
      const android = values['fcm-service-account']
        ? { serviceAccount: readCredential(values['fcm-service-account']), ...(values['android-package'] ? { packageName: values['android-package'] } : {}) }
        : undefined;
      const channel = (await core.dispatch('channels.create', {
        name: values.name,
        target: values.target,
        ...(ios ? { ios } : {}),
        ...(android ? { android } : {}),
      })) as ChannelSummary;
      print(channel, ['Added:', ...describe(channel)]);
      return 0;
    }
    default:
      throw new ChannelUsageError(sub ? `Unknown channel command "${sub}".` : 'channel needs a command: add, list, test or remove.');
  }
}
