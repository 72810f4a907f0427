import type { HandlersFor } from '../../../shared/contract.js';
import type { reportChannels } from '../../../shared/contracts/reports.js';
import type { TrackingService } from '../tracking/tracking-service.js';
import type { ReportService } from './report-service.js';

export function reportHandlers(reports: ReportService, tracking: TrackingService): HandlersFor<keyof typeof reportChannels> {
  return {
    'reports.get': (query) => reports.get(query),
    'tracking.notifications': ({ deviceId }) => tracking.notifications(deviceId),
    'tracking.interact': (input) => tracking.interact(input),
  };
}
