import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../shared/domain/outbox';
import { createOutbox } from '../../main/services/outbox/outbox';
import { openTestCore } from './helpers/core';

const item = (n: number): OutboxItem => ({
  messageId: 'msg_welcome001',
  channelId: 'chn_sandbox0001',
  origin: 'journey',
  journeyId: 'jny_abcdefgh',
  runId: 'run_1',
  profileId: n,
  platform: 'fcm',
  appId: 'com.journeystudio.sandbox',
  token: `token-${n}`,
  request: { kind: 'fcm', message: { token: `token-${n}`, notification: { title: 'Hi' } } },
  notBefore: '2026-11-28T09:00:00.000Z',
  dedupeKey: `jny_abcdefgh:n_push:${n}:token-${n}`,
});

describe('outbox', () => {
  it('enqueues rows in one go and ignores a row it already has (an engine step re-run after a crash)', async () => {
    const core = openTestCore();
    const outbox = createOutbox(core.workspace.db, { now: () => new Date('2026-11-28T08:00:00Z') });
    expect(outbox.enqueue([item(1), item(2)])).toBe(2);
    expect(outbox.enqueue([item(2), item(3)])).toBe(1);
    const rows = outbox.byRun('run_1');
    expect(rows.map((r) => r.token)).toEqual(['token-1', 'token-2', 'token-3']);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, request: { kind: 'fcm', message: { token: 'token-1' } } });
    await core.close();
  });
});
