import type { Rule } from '../../../shared/domain/audience.js';
import { type ChannelSummary, channelAppIds } from '../../../shared/domain/channel.js';
import type { JourneyGraph } from '../../../shared/domain/journey-graph.js';
import type { Platform } from '../../../shared/domain/profile.js';
import type { RenderChannel } from '../../../shared/render/render-message.js';
import { SANDBOX_ANDROID_PACKAGE, SANDBOX_PROJECT_ID } from '../../simulators/credentials.js';

/**
 * Which registrations a message's channel reaches: iOS devices (APNs, production or sandbox) of
 * the channel's bundle id; Android devices (FCM) registered under the channel's package name (the
 * bundle id when it names none, see channelAppIds), and for channels made before package names
 * existed, under the Firebase project id and the sandbox's package for the sandbox project.
 */
export interface AppTarget {
  appId: string;
  platforms: Platform[];
}

export function appsOfChannel(channel: Pick<ChannelSummary, 'ios' | 'android'>): AppTarget[] {
  const apps = new Map<string, Set<Platform>>();
  const add = (appId: string, platforms: Platform[]) => {
    const set = apps.get(appId) ?? new Set<Platform>();
    for (const p of platforms) set.add(p);
    apps.set(appId, set);
  };
  if (channel.ios) add(channel.ios.bundleId, ['apns', 'apnsSandbox']);
  if (channel.android) {
    const fcmApp = channelAppIds(channel).fcm;
    if (fcmApp) add(fcmApp, ['fcm']);
    if (!channel.android.packageName) {
      add(channel.android.projectId, ['fcm']);
      if (channel.android.projectId === SANDBOX_PROJECT_ID) add(SANDBOX_ANDROID_PACKAGE, ['fcm']);
    }
  }
  return [...apps].map(([appId, platforms]) => ({ appId, platforms: [...platforms] }));
}

export const renderChannelOf = (channel: ChannelSummary): RenderChannel => ({
  id: channel.id,
  name: channel.name,
  ...(channel.ios ? { ios: { bundleId: channel.ios.bundleId } } : {}),
  ...(channel.android ? { android: { projectId: channel.android.projectId } } : {}),
});

/** Every rule a graph evaluates (conditions, entry and wait-for-event conditions). */
export function rulesOf(graph: JourneyGraph): Rule[] {
  const rules: Rule[] = [];
  for (const node of graph.nodes) {
    if (node.type === 'condition') for (const p of node.config.paths) if (p.rule) rules.push(p.rule);
    if ((node.type === 'entry.event' || node.type === 'waitForEvent') && node.config.condition) rules.push(node.config.condition);
  }
  return rules;
}

/** Which kinds of facts the rules read, so that a scan loads only those. */
export function factsNeeded(rules: Rule[]): { attributes: boolean; events: boolean; registrations: boolean } {
  const need = { attributes: false, events: false, registrations: false };
  const visit = (rule: Rule) => {
    if (rule.kind === 'and' || rule.kind === 'or') rule.rules.forEach(visit);
    else if (rule.kind === 'not') visit(rule.rule);
    else if (rule.kind === 'attribute') need.attributes = true;
    else if (rule.kind === 'event') need.events = true;
    else if (rule.kind === 'reachable') need.registrations = true;
  };
  rules.forEach(visit);
  return need;
}
