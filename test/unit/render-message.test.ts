import { describe, expect, it } from 'vitest';
import { type MessageContentInput, messageContentSchema } from '../../shared/domain/message';
import { FCM_TOKEN_PLACEHOLDER, type RenderContext, mergePatch, renderMessage } from '../../shared/render/render-message';

const channel = { id: 'chn_sandbox123', name: 'Shop app', ios: { bundleId: 'com.shop.app' }, android: { projectId: 'shop-prod' } };
const now = new Date('2025-01-01T00:00:00Z');
const epoch = Math.floor(now.getTime() / 1000);
const profile = { person: { firstName: 'Ada' }, cart: { total: 42 } };
const context: RenderContext = { channel, now, profile, event: { product: 'Engine' } };
const content = (input: MessageContentInput) => messageContentSchema.parse(input);
const render = (input: MessageContentInput, ctx: RenderContext = context) => renderMessage(content(input), ctx);
const codes = (input: MessageContentInput, ctx: RenderContext = context) => render(input, ctx).lints.map((l) => l.code);

/** A message with every field of the form set. */
const everyField: MessageContentInput = {
  title: 'Hi {{profile.person.firstName}}',
  subtitle: 'Your cart',
  body: 'The {{event.product}} is waiting ({{formatNumber profile.cart.total currency="USD"}})',
  image: { source: 'url', url: 'https://cdn.shop.example/engine.jpg', placement: 'expanded' },
  tapAction: { kind: 'deepLink', url: 'shop://cart' },
  androidButtons: [
    { id: 'buy', label: 'Buy now', action: { kind: 'deepLink', url: 'shop://checkout' } },
    { id: 'later', label: 'Later', action: { kind: 'openApp', url: '' } },
  ],
  iosCategory: { id: 'CART', buttons: [{ id: 'buy', label: 'Buy now', action: { kind: 'openApp', url: '' } }] },
  sound: 'chime.caf',
  badge: 3,
  data: [
    { key: 'campaign', value: 'spring' },
    { key: 'name', value: '{{profile.person.firstName}}' },
  ],
  threadId: 'cart',
  androidChannelId: 'offers',
  priority: 'high',
  ttlSeconds: 3600,
  collapseId: 'cart-reminder',
  interruptionLevel: 'time-sensitive',
  relevanceScore: 0.8,
  targetContentId: 'cart-window',
  androidVisibility: 'private',
  accentColor: '#FF6600',
  analyticsLabel: 'cart_v1',
};

describe('APNs request', () => {
  it('builds headers and payload for every field', () => {
    const { apns } = render(everyField, { ...context, apnsId: '123e4567-e89b-12d3-a456-426614174000' });
    expect(apns.headers).toEqual({
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-topic': 'com.shop.app',
      'apns-expiration': String(epoch + 3600),
      'apns-collapse-id': 'cart-reminder',
      'apns-id': '123e4567-e89b-12d3-a456-426614174000',
    });
    expect(apns.payload).toEqual({
      aps: {
        alert: { title: 'Hi Ada', subtitle: 'Your cart', body: 'The Engine is waiting ($42.00)' },
        badge: 3,
        sound: 'chime.caf',
        'thread-id': 'cart',
        category: 'CART',
        'mutable-content': 1,
        'interruption-level': 'time-sensitive',
        'relevance-score': 0.8,
        'target-content-id': 'cart-window',
      },
      image_url: 'https://cdn.shop.example/engine.jpg',
      link_type: 'deeplink',
      link_url: 'shop://cart',
      campaign: 'spring',
      name: 'Ada',
    });
  });

  it('keeps the aps keys in the documented order', () => {
    expect(Object.keys(render(everyField).apns.payload.aps as object)).toEqual([
      'alert', 'badge', 'sound', 'thread-id', 'category', 'mutable-content', 'interruption-level', 'relevance-score', 'target-content-id',
    ]);
  });

  it('sends the minimum for a plain message', () => {
    const { apns } = render({ title: 'Hello', body: 'World', sound: '' });
    expect(apns).toEqual({
      headers: { 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-topic': 'com.shop.app' },
      payload: { aps: { alert: { title: 'Hello', body: 'World' } } },
    });
  });

  it('makes a background push: push type background, priority 5, content-available, no alert', () => {
    const { apns, fcm } = render({ background: true, data: [{ key: 'sync', value: 'inbox' }], sound: '' });
    expect(apns).toEqual({
      headers: { 'apns-push-type': 'background', 'apns-priority': '5', 'apns-topic': 'com.shop.app' },
      payload: { aps: { 'content-available': 1 }, sync: 'inbox' },
    });
    expect(fcm).toEqual({
      token: FCM_TOKEN_PLACEHOLDER,
      data: { sync: 'inbox' },
      android: { priority: 'normal' },
      apns: { headers: { 'apns-push-type': 'background', 'apns-priority': '5' }, payload: { aps: { 'content-available': 1 } } },
    });
  });

  it('uses priority 5 for normal priority, expiration 0 for a time to live of 0, and no topic without an iOS app', () => {
    const { apns } = render({ title: 'x', priority: 'normal', ttlSeconds: 0 }, { ...context, channel: { id: 'chn_abcdefgh', name: 'Droid', android: { projectId: 'p' } } });
    expect(apns.headers).toEqual({ 'apns-push-type': 'alert', 'apns-priority': '5', 'apns-expiration': '0' });
  });

  it('applies iOS overrides and leaves mutable-content off when asked', () => {
    const { apns } = render({ title: 'Common', body: 'Both', ios: { title: 'For iPhone', body: 'iOS body', sound: 'ios.caf' }, mutableContent: false });
    expect(apns.payload).toEqual({ aps: { alert: { title: 'For iPhone', body: 'iOS body' }, sound: 'ios.caf' } });
  });

  it('applies raw overrides as JSON merge patches: add, replace and delete', () => {
    const { apns } = render({
      title: 'Hello',
      body: 'World',
      raw: {
        apnsHeaders: { 'apns-priority': '5', 'apns-push-type': null },
        apnsPayload: { aps: { alert: { 'launch-image': 'splash' }, sound: { critical: 1, name: 'alarm.caf', volume: 0.5 } }, extra: [1, 2] },
      },
    });
    expect(apns.headers).toEqual({ 'apns-priority': '5', 'apns-topic': 'com.shop.app' });
    expect(apns.payload).toEqual({
      aps: { alert: { title: 'Hello', body: 'World', 'launch-image': 'splash' }, sound: { critical: 1, name: 'alarm.caf', volume: 0.5 } },
      extra: [1, 2],
    });
  });
});

describe('FCM v1 message', () => {
  it('builds the message for every field', () => {
    const { fcm } = render(everyField);
    expect(fcm).toEqual({
      token: FCM_TOKEN_PLACEHOLDER,
      notification: { title: 'Hi Ada', body: 'The Engine is waiting ($42.00)', image: 'https://cdn.shop.example/engine.jpg' },
      data: {
        campaign: 'spring',
        name: 'Ada',
        link_type: 'deeplink',
        link_url: 'shop://cart',
        actions: '[{"id":"buy","label":"Buy now","link_type":"deeplink","link_url":"shop://checkout"},{"id":"later","label":"Later"}]',
      },
      android: {
        collapse_key: 'cart-reminder',
        priority: 'high',
        ttl: '3600s',
        notification: {
          channel_id: 'offers',
          color: '#ff6600',
          sound: 'chime.caf',
          tag: 'cart-reminder',
          image: 'https://cdn.shop.example/engine.jpg',
          notification_count: 3,
          visibility: 'PRIVATE',
        },
      },
      apns: {
        headers: { 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-expiration': String(epoch + 3600), 'apns-collapse-id': 'cart-reminder' },
        payload: {
          aps: {
            alert: { subtitle: 'Your cart' },
            badge: 3,
            sound: 'chime.caf',
            'thread-id': 'cart',
            category: 'CART',
            'mutable-content': 1,
            'interruption-level': 'time-sensitive',
            'relevance-score': 0.8,
            'target-content-id': 'cart-window',
          },
        },
        fcm_options: { image: 'https://cdn.shop.example/engine.jpg' },
      },
      fcm_options: { analytics_label: 'cart_v1' },
    });
  });

  it('puts per-platform text where each platform reads it', () => {
    const { fcm } = render({ title: 'Common', body: 'Both', android: { title: 'Droid title', sound: 'ping' }, ios: { body: 'Apple body' }, sound: '' });
    expect(fcm).toEqual({
      token: FCM_TOKEN_PLACEHOLDER,
      notification: { title: 'Common', body: 'Both' },
      android: { priority: 'high', notification: { title: 'Droid title', sound: 'ping' } },
      apns: { headers: { 'apns-push-type': 'alert', 'apns-priority': '10' }, payload: { aps: { alert: { body: 'Apple body' } } } },
    });
  });

  it('uses the device token when the sender gives one, and a web link as link_type web', () => {
    const { fcm } = render({ title: 'x', sound: '', tapAction: { kind: 'webUrl', url: 'https://shop.example/sale' } }, { ...context, fcmToken: 'tok123' });
    expect(fcm.token).toBe('tok123');
    expect(fcm.data).toEqual({ link_type: 'web', link_url: 'https://shop.example/sale' });
  });

  it('keeps non-string data values as typed (and lints them) rather than changing them silently', () => {
    const result = render({ title: 'x', data: [{ key: 'count', value: 3 }, { key: 'vip', value: true }] });
    expect(result.fcm.data).toEqual({ count: 3, vip: true });
    expect(result.lints.find((l) => l.code === 'fcm-data-not-string')?.message).toMatch(/count, vip are not/);
  });

  it('applies a raw FCM override', () => {
    const { fcm } = render({ title: 'x', sound: '', raw: { fcm: { android: { restricted_package_name: 'com.shop.app', notification: { notification_priority: 'PRIORITY_HIGH' } } } } });
    expect(fcm.android).toEqual({ priority: 'high', restricted_package_name: 'com.shop.app', notification: { notification_priority: 'PRIORITY_HIGH' } });
  });
});

describe('byte counts', () => {
  it('counts UTF-8 bytes of the JSON', () => {
    const result = render({ title: 'é', sound: '' });
    expect(result.bytes.apns).toBe(new TextEncoder().encode(JSON.stringify(result.apns.payload)).length);
    expect(result.bytes.apns).toBe(JSON.stringify(result.apns.payload).length + 1);
    expect(result.bytes.fcm).toBe(new TextEncoder().encode(JSON.stringify({ message: result.fcm })).length);
  });
});

describe('lints', () => {
  it('is quiet about a good message', () => {
    expect(render({ title: 'Back in stock', body: 'Your size is available again.' }).lints).toEqual([]);
  });

  it('missing channel', () => {
    expect(codes({ title: 'x' }, { ...context, channel: null })).toContain('missing-channel');
  });

  it('over the size limits', () => {
    const big = 'x'.repeat(4100);
    expect(codes({ title: 'x', data: [{ key: 'blob', value: big }] })).toEqual(expect.arrayContaining(['apns-too-large', 'fcm-too-large']));
    expect(codes({ title: 'x', data: [{ key: 'blob', value: 'x'.repeat(3900) }] })).toEqual(['fcm-too-large']);
  });

  it('title that will not fit on one iOS line, measured (not counted)', () => {
    expect(codes({ title: 'Your order has shipped and arrives tomorrow' })).toContain('ios-title-too-long');
    expect(codes({ title: 'Your order has shipped' })).not.toContain('ios-title-too-long');
    // Same number of characters, different widths: narrow letters fit, wide ones do not.
    expect(codes({ title: 'illi'.repeat(10) })).not.toContain('ios-title-too-long');
    expect(codes({ title: 'MWMW'.repeat(10) })).toContain('ios-title-too-long');
    // The preview passes its own measure (canvas in the rendered font).
    expect(codes({ title: 'short' }, { ...context, measure: () => 1000 })).toContain('ios-title-too-long');
  });

  it('image without mutable-content', () => {
    expect(codes({ title: 'x', image: { source: 'url', url: 'https://a.example/i.png' }, mutableContent: false })).toContain('image-without-mutable-content');
    expect(codes({ title: 'x', image: { source: 'url', url: 'https://a.example/i.png' } })).not.toContain('image-without-mutable-content');
    expect(codes({ title: 'x', image: { source: 'url', url: 'http://a.example/i.png' } })).toContain('image-not-https');
  });

  it('more than 3 Android buttons', () => {
    const buttons = ['A', 'B', 'C', 'D'].map((label) => ({ label }));
    const lint = render({ title: 'x', androidButtons: buttons }).lints.find((l) => l.code === 'too-many-android-buttons');
    expect(lint?.message).toBe('Android shows at most 3 action buttons; this message has 4. Remove 1.');
    expect(codes({ title: 'x', androidButtons: buttons.slice(0, 3) })).not.toContain('too-many-android-buttons');
  });

  it('loc-keys that cannot be previewed', () => {
    expect(codes({ title: 'x', raw: { apnsPayload: { aps: { alert: { 'loc-key': 'CART_REMINDER', 'loc-args': ['Ada'] } } } } })).toContain('loc-key');
  });

  it('background push with alert content', () => {
    expect(codes({ background: true, title: 'Hi', sound: '' })).toContain('background-with-alert');
    expect(codes({ background: true, sound: '' })).not.toContain('background-with-alert');
    expect(codes({ background: true, sound: '', raw: { apnsPayload: { aps: { alert: { body: 'sneaky' } } } } })).toContain('background-with-alert');
  });

  it('non-string FCM data values', () => {
    expect(codes({ title: 'x', data: [{ key: 'n', value: 1 }] })).toContain('fcm-data-not-string');
    expect(codes({ title: 'x', data: [{ key: 'n', value: '1' }] })).not.toContain('fcm-data-not-string');
  });

  it('missing values and template errors', () => {
    const lints = render({ title: 'Hi {{profile.person.middleName}}', body: '{{#if}}' }).lints;
    expect(lints.map((l) => [l.code, l.field])).toEqual([
      ['template-error', 'body'],
      ['missing-value', 'title'],
    ]);
    expect(lints[1]?.message).toContain('{{default profile.person.middleName "…"}}');
  });

  it('empty message, link without URL, long collapse id, reserved data keys, buttons without category', () => {
    expect(codes({})).toContain('empty-message');
    expect(codes({ title: 'x', tapAction: { kind: 'deepLink', url: '' } })).toContain('link-without-url');
    expect(codes({ title: 'x', collapseId: 'c'.repeat(65) })).toContain('collapse-id-too-long');
    expect(codes({ title: 'x', data: [{ key: 'google.x', value: 'y' }] })).toContain('fcm-data-reserved-key');
    expect(codes({ title: 'x', iosCategory: { id: '', buttons: [{ label: 'Go' }] } })).toContain('ios-buttons-without-category');
  });
});

describe('mergePatch (RFC 7396)', () => {
  it('follows the RFC examples', () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(mergePatch([1, 2], { a: 'b', c: null })).toEqual({ a: 'b' });
  });
});
