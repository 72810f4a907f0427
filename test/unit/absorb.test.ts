import { describe, expect, it } from 'vitest';
import { messageContentSchema } from '../../shared/domain/message';
import { absorbRaw, createPatch, rawDocumentOf } from '../../shared/render/absorb';
import { renderMessage } from '../../shared/render/render-message';

const context = { channel: { id: 'chn_abcdefgh', name: 'Shop', ios: { bundleId: 'com.shop.app' }, android: { projectId: 'p' } }, profile: { name: 'Ada' }, now: new Date(0) };
const content = messageContentSchema.parse({ title: 'Hi {{profile.name}}', body: 'Sale today', sound: '' });

describe('Edit raw round trip', () => {
  it('changes nothing when nothing was edited (templates stay templates)', () => {
    const doc = rawDocumentOf(renderMessage(content, context));
    expect(absorbRaw(content, context, doc)).toEqual(content);
  });

  it('maps edits onto form fields where they exist', () => {
    const doc = rawDocumentOf(renderMessage(content, context));
    const aps = doc.apns.payload.aps as Record<string, unknown>;
    aps.alert = { title: 'Hi Ada', body: 'Sale ends tonight' };
    aps.badge = 2;
    aps['interruption-level'] = 'time-sensitive';
    ((doc.fcm.message.android as Record<string, unknown>).notification as Record<string, unknown>) = { channel_id: 'offers', color: '#112233' };
    const next = absorbRaw(content, context, doc);
    expect(next).toMatchObject({ title: 'Hi {{profile.name}}', body: 'Sale ends tonight', badge: 2, interruptionLevel: 'time-sensitive', androidChannelId: 'offers', accentColor: '#112233', raw: {} });
    expect(renderMessage(next, context).apns.payload).toEqual({ aps: { alert: { title: 'Hi Ada', body: 'Sale ends tonight' }, badge: 2, 'interruption-level': 'time-sensitive' } });
  });

  it('keeps what the form cannot express as raw overrides, and the payload comes out as edited', () => {
    const doc = rawDocumentOf(renderMessage(content, context));
    (doc.apns.payload.aps as Record<string, unknown>).alert = { title: 'Hi Ada', body: 'Sale today', 'loc-key': 'SALE' };
    doc.apns.payload.promo = { code: 'X1' };
    doc.apns.headers['apns-push-type'] = 'alert';
    (doc.fcm.message.android as Record<string, unknown>).direct_boot_ok = true;
    const next = absorbRaw(content, context, doc);
    expect(next.raw).toEqual({ apnsPayload: { aps: { alert: { 'loc-key': 'SALE' } }, promo: { code: 'X1' } }, fcm: { android: { direct_boot_ok: true } } });
    const again = rawDocumentOf(renderMessage(next, context));
    expect(again).toEqual(doc);
  });

  it('creates merge patches', () => {
    expect(createPatch({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 }, e: 'x' })).toEqual({ b: { d: null }, e: 'x' });
    expect(createPatch({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});
