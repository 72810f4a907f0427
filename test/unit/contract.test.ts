import { describe, expect, it } from 'vitest';
import { channelNames, channels, eventNames, isChannelName } from '../../shared/contract';
import { journeyNameSchema } from '../../shared/domain/journey';

describe('the contract', () => {
  it('names every channel once (snapshot: a change here is a change to both hosts and the renderer)', () => {
    expect(channelNames).toMatchInlineSnapshot(`
      [
        "app.info",
        "settings.get",
        "settings.update",
        "journeys.list",
        "journeys.get",
        "journeys.create",
        "journeys.rename",
        "journeys.duplicate",
        "journeys.delete",
        "journeys.restore",
        "journeys.open",
        "journeys.saveDraft",
        "journeys.publish",
        "journeys.stop",
        "journeys.newDraft",
        "journeys.exportFile",
        "journeys.importFile",
        "quickstart.get",
        "quickstart.dismiss",
        "channels.list",
        "channels.get",
        "channels.inspectCredential",
        "channels.create",
        "channels.update",
        "channels.delete",
        "channels.test",
        "profiles.stats",
        "profiles.attributes",
        "profiles.page",
        "profiles.get",
        "profiles.events",
        "profiles.setTest",
        "profiles.import.start",
        "profiles.import.get",
        "profiles.import.cancel",
        "audiences.list",
        "audiences.save",
        "audiences.delete",
        "audiences.restore",
        "audiences.preview",
        "messages.list",
        "messages.get",
        "messages.create",
        "messages.update",
        "messages.duplicate",
        "messages.delete",
        "messages.restore",
        "messages.import",
        "messages.fields",
        "assets.list",
        "assets.add",
        "assets.get",
        "engine.settings.get",
        "engine.settings.save",
        "engine.dryRun",
        "engine.counts",
        "engine.test.start",
        "engine.test.state",
        "engine.test.stop",
        "engine.test.fireEvent",
        "engine.clock.get",
        "engine.clock.advance",
        "campaigns.list",
        "campaigns.create",
        "campaigns.cancel",
        "sandbox.devices.list",
        "sandbox.devices.install",
        "sandbox.devices.uninstall",
        "sandbox.devices.reinstall",
        "sandbox.devices.clearData",
        "delivery.log.page",
        "delivery.log.counts",
        "delivery.log.get",
        "delivery.state",
        "delivery.pause",
        "delivery.resume",
        "delivery.cancel",
        "delivery.retryRun",
        "delivery.setRateLimit",
        "delivery.drain",
        "delivery.testSend",
        "reports.get",
        "tracking.notifications",
        "tracking.interact",
        "workspaces.list",
        "workspaces.inspect",
        "workspaces.open",
        "workspaces.create",
        "workspaces.forget",
      ]
    `);
    expect(eventNames).toMatchInlineSnapshot(`
      [
        "settings.changed",
        "journeys.changed",
        "quickstart.changed",
        "channels.changed",
        "profiles.import.progress",
        "profiles.changed",
        "audiences.changed",
        "messages.changed",
        "engine.changed",
        "engine.clock.changed",
        "sandbox.devices.changed",
        "sandbox.notifications.changed",
        "delivery.logged",
        "tracking.recorded",
        "workspaces.switch",
      ]
    `);
  });

  it('gives every channel a summary and schemas for its input and output', () => {
    for (const name of channelNames) {
      const def = channels[name];
      expect(def.summary.length, name).toBeGreaterThan(10);
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.output.safeParse, name).toBe('function');
    }
  });

  it('refuses inputs with keys the channel does not name', () => {
    expect(channels['journeys.create'].input.safeParse({ name: 'Welcome', sql: 'DROP TABLE' }).success).toBe(false);
  });

  it('only recognises its own channel names, not inherited object keys', () => {
    expect(isChannelName('journeys.list')).toBe(true);
    expect(isChannelName('constructor')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName(42)).toBe(false);
  });
});

describe('journey names', () => {
  it('trims and accepts ordinary names, emoji and accents included', () => {
    expect(journeyNameSchema.parse('  Welcome série 🎉 ')).toBe('Welcome série 🎉');
  });

  it.each([
    ['', 'Name must not be empty'],
    ['    ', 'Name must not be empty'],
    ['x'.repeat(121), 'Name must be at most 120 characters'],
    ['tab\there', 'Name must not contain control characters'],
  ])('refuses %j with "%s"', (value, message) => {
    const result = journeyNameSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('accepts exactly 120 characters', () => {
    expect(journeyNameSchema.safeParse('x'.repeat(120)).success).toBe(true);
  });
});

describe('the WebSocket envelope', () => {
  it('accepts results (success and failure) and events, and nothing else', async () => {
    const { wireServerMessageSchema } = await import('../../shared/wire');
    expect(wireServerMessageSchema.safeParse({ type: 'result', id: 1, ok: true, output: [] }).success).toBe(true);
    expect(
      wireServerMessageSchema.safeParse({ type: 'result', id: 1, ok: false, error: { code: 'not_found', message: 'gone' } }).success,
    ).toBe(true);
    expect(wireServerMessageSchema.safeParse({ type: 'event', name: 'journeys.changed', payload: {} }).success).toBe(true);
    expect(wireServerMessageSchema.safeParse({ type: 'result', id: 1, ok: false }).success).toBe(false);
    expect(wireServerMessageSchema.safeParse({ type: 'shell', cmd: 'rm' }).success).toBe(false);
  });
});
