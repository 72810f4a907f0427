import { type TrackedNotification, type TrackingKind, trackingEventTypes } from '../../../shared/domain/report.js';
import { StudioError } from '../../../shared/errors.js';
import type { CoreContext } from '../../context.js';
import type { DeliveredNotification, SimulatedDevice } from '../../simulators/devices.js';
import type { MessagesService } from '../messages/messages-service.js';
import type { SandboxService } from '../sandbox/sandbox-service.js';

/** What the tracking service needs of the profile store: write an event (which tells the engine). */
export interface EventWriter {
  recordEvent(profileId: number, type: string, timestamp: string, attributes?: Record<string, unknown>): { id: number };
}

interface OutboxLink {
  id: number;
  message_id: string;
  journey_id: string | null;
  node_id: string | null;
  run_id: string;
  profile_id: number | null;
  origin: string;
  platform: string;
  app_id: string;
}

/**
 * The device side of the simulators, behind two small functions, so that a branch that wires
 * simulated devices to profiles changes only these.
 */
export interface DeviceAccess {
  device(deviceId: string): Promise<SimulatedDevice | undefined>;
}

export const sandboxDevices = (sandbox: SandboxService): DeviceAccess => ({
  device: async (deviceId) => (await sandbox.start()).devices.get(deviceId),
});

const appIdOf = (device: SimulatedDevice) => (device.platform === 'ios' ? device.bundleId : device.appId);

function titleAndBody(n: DeliveredNotification): { title: string; body: string } {
  const p = n.payload as { aps?: { alert?: { title?: string; body?: string } | string }; notification?: { title?: string; body?: string } };
  const alert = p?.aps?.alert;
  if (typeof alert === 'string') return { title: '', body: alert };
  if (alert && typeof alert === 'object') return { title: alert.title ?? '', body: alert.body ?? '' };
  return { title: p?.notification?.title ?? '', body: p?.notification?.body ?? '' };
}

/** The buttons a push carries: FCM `data.actions` (JSON), or the iOS category's buttons from the message. */
function actionsOf(n: DeliveredNotification, link: OutboxLink | undefined, messages: MessagesService): { id: string; label: string }[] {
  const data = (n.payload as { data?: { actions?: unknown } })?.data;
  if (n.via === 'fcm' && typeof data?.actions === 'string') {
    try {
      const parsed = JSON.parse(data.actions) as { id?: unknown; label?: unknown }[];
      return parsed.filter((a) => typeof a.id === 'string' && a.id).map((a) => ({ id: String(a.id), label: typeof a.label === 'string' ? a.label : String(a.id) }));
    } catch {
      return [];
    }
  }
  if (!link) return [];
  try {
    const content = messages.get(link.message_id).content;
    const buttons = n.via === 'apns' ? content.iosCategory.buttons : content.androidButtons;
    return buttons.filter((b) => b.id).map((b) => ({ id: b.id, label: b.label }));
  } catch {
    return [];
  }
}

/**
 * Tracking: what people do with a push on a simulated device becomes an experience event on the
 * profile that holds the device (`pushTracking.applicationOpened`, `pushTracking.customAction`,
 * `pushTracking.dismissed`), written through the profile store so that the engine hears of it
 * (waits for events, conditions on event history). The event carries the link to the push
 * (outbox id, provider message id, message, journey and step); a trigger on experience_events
 * (migrations 40 and 70) turns every such event, imported ones too, into a push_interactions row for the
 * reports. A device no profile holds still counts in the reports, without an event.
 */
export function createTrackingService(context: Pick<CoreContext, 'workspace' | 'clock' | 'events'>, store: EventWriter, messages: MessagesService, devices: DeviceAccess) {
  const db = context.workspace.db;
  const byProvider = db.prepare<[string], OutboxLink>(
    'SELECT id, message_id, journey_id, node_id, run_id, profile_id, origin, platform, app_id FROM outbox WHERE provider_id = ? ORDER BY id DESC LIMIT 1',
  );
  const holder = db.prepare<[string, string], { profile_id: number }>("SELECT profile_id FROM push_registrations WHERE app_id = ? AND token = ?");
  const interactionsOf = db.prepare<[string], { kind: TrackingKind; action_id: string | null; at: string }>(
    'SELECT kind, action_id, at FROM push_interactions WHERE provider_id = ? ORDER BY id',
  );
  const insertBare = db.prepare(
    `INSERT INTO push_interactions (event_id, at, kind, action_id, outbox_id, provider_id, origin, journey_id, node_id, message_id, app_id, platform, profile_id, first)
     VALUES (NULL, @at, @kind, @actionId, @outboxId, @providerId, @origin, @journeyId, @nodeId, @messageId, @appId, @platform, NULL,
       CASE WHEN @kind = 'open' AND NOT EXISTS (SELECT 1 FROM push_interactions WHERE kind = 'open' AND provider_id = @providerId) THEN 1 ELSE 0 END)`,
  );

  const find = async (deviceId: string) => {
    const device = await devices.device(deviceId);
    if (!device) throw new StudioError('not_found', `There is no simulated device ${deviceId}.`);
    return device;
  };

  return {
    async notifications(deviceId: string): Promise<TrackedNotification[]> {
      const device = await find(deviceId);
      return device.notifications
        .slice(-50)
        .reverse()
        .map((n) => {
          const link = byProvider.get(n.id);
          return {
            id: n.id,
            ...titleAndBody(n),
            receivedAt: n.receivedAt.toISOString(),
            actions: actionsOf(n, link, messages),
            link: link ? { outboxId: link.id, messageId: link.message_id, journeyId: link.journey_id, nodeId: link.node_id, profileId: link.profile_id } : null,
            interactions: interactionsOf.all(n.id).map((i) => ({ kind: i.kind, actionId: i.action_id, at: i.at })),
          };
        });
    },

    async interact(input: { deviceId: string; notificationId: string; kind: TrackingKind; actionId?: string | undefined }) {
      const device = await find(input.deviceId);
      const notification = device.notifications.find((n) => n.id === input.notificationId);
      if (!notification) throw new StudioError('not_found', `${device.name} has no notification ${input.notificationId} (it may have fallen off its list).`);
      if (input.kind === 'action' && !input.actionId) throw new StudioError('invalid_input', 'Say which button was tapped (actionId).');
      const link = byProvider.get(notification.id);
      const profileId = link?.profile_id ?? holder.get(appIdOf(device), notification.token)?.profile_id ?? null;
      const at = context.clock.now().toISOString();
      const type = trackingEventTypes[input.kind];
      const pushTracking: Record<string, unknown> = {
        providerMessageId: notification.id,
        platform: device.platform,
        deviceId: device.id,
        ...(link ? { outboxId: link.id, messageId: link.message_id, runId: link.run_id, ...(link.journey_id ? { journeyId: link.journey_id } : {}), ...(link.node_id ? { nodeId: link.node_id } : {}) } : {}),
        ...(input.kind === 'action' ? { actionId: input.actionId } : {}),
      };
      let eventId: number | null = null;
      if (profileId !== null) {
        eventId = store.recordEvent(profileId, type, at, { pushTracking }).id;
      } else {
        insertBare.run({
          at,
          kind: input.kind,
          actionId: input.kind === 'action' ? input.actionId! : null,
          outboxId: link?.id ?? null,
          providerId: notification.id,
          origin: link?.origin ?? null,
          journeyId: link?.journey_id ?? null,
          nodeId: link?.node_id ?? null,
          messageId: link?.message_id ?? null,
          appId: link?.app_id ?? appIdOf(device),
          platform: link?.platform ?? null,
        });
      }
      context.events.emit('tracking.recorded', { kind: input.kind, journeyId: link?.journey_id ?? null });
      return { eventId, eventType: type, profileId, outboxId: link?.id ?? null };
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
