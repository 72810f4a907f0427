import type { HandlersFor } from '../../../shared/contract.js';
import type { deliveryChannels } from '../../../shared/contracts/delivery.js';
import type { CoreContext } from '../../context.js';
import type { DeliveryService } from './delivery-service.js';

export function deliveryHandlers({ clock }: CoreContext, delivery: DeliveryService): HandlersFor<keyof typeof deliveryChannels> {
  const now = () => clock.now().toISOString();
  const { outbox, dispatcher, log } = delivery;
  return {
    'delivery.log.page': ({ filter, beforeId, afterId, limit }) => log.page(filter, beforeId, limit, afterId),
    'delivery.log.counts': ({ filter }) => log.counts(filter),
    'delivery.log.get': ({ id }) => delivery.detail(id),
    'delivery.state': () => {
      const stats = outbox.stats(now());
      return { running: dispatcher.running, inFlight: dispatcher.inFlightCount, ready: stats.ready, waiting: stats.waiting, pausedJourneys: outbox.paused(), rateLimits: outbox.rateLimits() };
    },
    'delivery.pause': ({ journeyId }) => {
      outbox.pause(journeyId, now());
      return { paused: true };
    },
    'delivery.resume': ({ journeyId }) => {
      outbox.resume(journeyId);
      dispatcher.wake();
      return { paused: false };
    },
    'delivery.cancel': ({ journeyId }) => ({ cancelled: outbox.cancel({ journeyId }, now()) }),
    'delivery.retryRun': ({ runId }) => {
      const requeued = outbox.requeueRetryable(runId, now());
      if (!dispatcher.running) dispatcher.start();
      dispatcher.wake();
      return { requeued };
    },
    'delivery.setRateLimit': ({ appId, perSecond }) => {
      outbox.setRateLimit(appId, perSecond);
      return { appId, perSecond };
    },
    'delivery.drain': ({ journeyId }) => dispatcher.drain(journeyId ? { journeyId } : {}),
    'delivery.testSend': (input) => delivery.testSend(input),
  };
}
