import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ChannelSummary, channelAppIds } from '../../../shared/domain/channel.js';
import { type Message, type MessageContent, messageFileSchema } from '../../../shared/domain/message.js';
import type { ExperienceEvent, ProfileDetail } from '../../../shared/domain/profile.js';
import { invalidInput, StudioError } from '../../../shared/errors.js';
import { type RenderChannel, renderMessage } from '../../../shared/render/render-message.js';
import { eventScope, sampleScope } from '../../../shared/render/sample.js';
import type { Core } from '../../core.js';

export const MESSAGE_HELP = `journey-studio message <render|list|export|import>

  message render FILE.json [--profile ID | --sample FILE.json]
                         prints, as JSON, the APNs request (headers and payload) and the FCM v1
                         message for that profile or sample data, with byte counts and the lints.
                         --profile ID (the number the Profiles section shows): personalised with
                         the profile's attributes and newest event, one request per valid device
                         of the message's app; token placeholders when it has none
  message list
  message export ID [--out FILE.json]   the message file (stdout without --out)
  message import FILE.json

A message file is the shape the studio stores and exports. Sample data is a profile's attributes,
or {"profile": {...}, "event": {...}}. Nothing is sent: render only builds the payloads.`;

export class MessageUsageError extends Error {}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StudioError('invalid_input', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StudioError('invalid_input', `${file} is not JSON (${(error as Error).message}); it should be ${what}.`);
  }
}

function readMessageFile(file: string) {
  const parsed = messageFileSchema.safeParse(readJson(file, 'a message file, as the studio exports it'));
  if (!parsed.success) throw invalidInput(parsed.error, `message file ${file}`);
  return parsed.data;
}

/**
 * `message render FILE --profile ID`: the message personalised with the profile's attributes and its
 * newest event (the sample entry event), rendered for each of its valid devices of the message's app
 * (the channel's bundle id; Android apps are expected under the same application id); with no such
 * device, once with token placeholders.
 */
async function renderForProfile(core: Core, content: MessageContent, given: string, channel: ChannelSummary | null) {
  const id = Number(given.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new MessageUsageError(`--profile takes a profile number, as the Profiles section shows it (#12), not "${given}".`);
  const profile = (await core.dispatch('profiles.get', { id })) as ProfileDetail;
  const { items } = (await core.dispatch('profiles.events', { id, limit: 1 })) as { items: ExperienceEvent[] };
  const event = items[0];
  const renderChannel = channel ? toRenderChannel(channel) : null;
  const context = { profile: profile.attributes, event: eventScope(event), channel: renderChannel };
  const rendered = renderMessage(content, context);
  const appIds = channel ? channelAppIds(channel) : {};
  const appId = appIds.apns ?? appIds.fcm;
  // Each platform's devices register under that platform's app id (bundle id, package name).
  const devices = profile.registrations.filter(
    (r) => r.status === 'valid' && (r.platform === 'fcm' ? r.appId === appIds.fcm : r.appId === appIds.apns),
  );
  const about = {
    id: profile.id,
    identities: profile.identities,
    event: event ? { id: event.id, type: event.type, timestamp: event.timestamp } : null,
  };
  if (devices.length === 0) {
    const why = !channel
      ? 'The message has no channel (app), so no device of the profile can be chosen'
      : !appId
        ? `The channel "${channel.name}" names no app id its devices are registered under`
        : `Profile #${id} has no valid device of ${appId}`;
    return { profile: about, devices: [], note: `${why}: the requests below carry token placeholders.`, apns: rendered.apns, fcm: { message: rendered.fcm }, bytes: rendered.bytes, lints: rendered.lints };
  }
  return {
    profile: about,
    devices: devices.map((d) => {
      const device = { registrationId: d.id, appId: d.appId, platform: d.platform, token: d.token };
      if (d.platform === 'fcm') {
        const forDevice = renderMessage(content, { ...context, fcmToken: d.token });
        return { device, fcm: { message: forDevice.fcm }, bytes: forDevice.bytes.fcm };
      }
      const environment = d.platform === 'apns' ? 'production' : 'sandbox';
      return {
        device,
        apns: {
          host: environment === 'production' ? 'api.push.apple.com' : 'api.sandbox.push.apple.com',
          path: `/3/device/${d.token}`,
          headers: rendered.apns.headers,
          payload: rendered.apns.payload,
        },
        bytes: rendered.bytes.apns,
        ...(channel?.ios && channel.ios.environment !== environment
          ? { note: `This token is for the APNs ${environment} environment; the channel sends to ${channel.ios.environment}, where Apple answers BadDeviceToken.` }
          : {}),
      };
    }),
    lints: rendered.lints,
  };
}

export const toRenderChannel = (channel: ChannelSummary): RenderChannel => ({
  id: channel.id,
  name: channel.name,
  ...(channel.ios ? { ios: { bundleId: channel.ios.bundleId } } : {}),
  ...(channel.android ? { android: { projectId: channel.android.projectId } } : {}),
});

/** `journey-studio message ...`. Returns the exit code. */
export async function messageCommand(args: string[], core: Core, io: { out(line: string): void }, json: boolean): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'render': {
      const { values, positionals } = parseArgs({ args: rest, options: { profile: { type: 'string' }, sample: { type: 'string' } }, strict: true, allowPositionals: true });
      if (positionals.length !== 1) throw new MessageUsageError('message render takes one message file.');
      if (values.profile && values.sample) throw new MessageUsageError('Give --profile or --sample, not both.');
      const file = readMessageFile(positionals[0]!);
      let channel: ChannelSummary | null = null;
      if (file.channelId) {
        try {
          channel = (await core.dispatch('channels.get', { id: file.channelId })) as ChannelSummary;
        } catch (error) {
          if (!(error instanceof StudioError && error.code === 'not_found')) throw error;
        }
      }
      const renderChannel = channel ? toRenderChannel(channel) : null;
      if (values.profile) {
        io.out(JSON.stringify(await renderForProfile(core, file.content, values.profile, channel), null, 2));
        return 0;
      }
      let scope = {};
      if (values.sample) {
        const sample = sampleScope(readJson(values.sample, 'sample data: a profile\'s attributes as a JSON object'));
        if ('error' in sample) throw new StudioError('invalid_input', `${values.sample}: ${sample.error}`);
        scope = sample.scope;
      }
      const rendered = renderMessage(file.content, { ...scope, channel: renderChannel });
      io.out(JSON.stringify({ apns: rendered.apns, fcm: { message: rendered.fcm }, bytes: rendered.bytes, lints: rendered.lints }, null, 2));
      return 0;
    }
    case 'list': {
      const messages = (await core.dispatch('messages.list', {})) as Message[];
      if (json) io.out(JSON.stringify(messages, null, 2));
      else if (messages.length === 0) io.out('No messages yet. Compose one in the studio, or: journey-studio message import FILE.json');
      else for (const m of messages) io.out(`${m.id}  ${m.name}${m.content.title ? `  “${m.content.title}”` : ''}`);
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
      if (positionals.length !== 1) throw new MessageUsageError('message export takes one message id.');
      const message = await core.dispatch('messages.get', { id: positionals[0] });
      const text = `${JSON.stringify(message, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        io.out(json ? JSON.stringify({ id: positionals[0], file: values.out }) : `Exported to ${values.out}`);
      } else io.out(text.trimEnd());
      return 0;
    }
    case 'import': {
      if (rest.length !== 1) throw new MessageUsageError('message import takes one message file.');
      const message = (await core.dispatch('messages.import', { message: readMessageFile(rest[0]!) })) as Message;
      io.out(json ? JSON.stringify(message, null, 2) : `Imported ${message.id}  ${message.name}`);
      return 0;
    }
    default:
      throw new MessageUsageError(sub ? `Unknown message command "${sub}".` : 'message needs a command: render, list, export or import.');
  }
}
