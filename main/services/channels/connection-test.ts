import type { ConnectionCheck } from '../../../shared/domain/channel.js';
import type { ChannelCredentials } from './channels-service.js';

/** Checks that a channel's credentials are accepted by APNs and FCM (or their simulators). */
export interface ConnectionTester {
  test(credentials: ChannelCredentials): Promise<ConnectionCheck[]>;
}
