import type { HandlersFor } from '../../../shared/contract.js';
import type { journeyChannels } from '../../../shared/contracts/journeys.js';
import type { JourneyDetail } from '../../../shared/domain/journey-version.js';
import { StudioError } from '../../../shared/errors.js';
import { JOURNEY_FILE_FORMAT, JOURNEY_FILE_VERSION, messageIdsOf, parseJourneyFile, serializeJourneyFile } from '../../../shared/journey-file.js';
import type { JourneyGraph } from '../../../shared/domain/journey-graph.js';
import { createMessagesService } from '../messages/messages-service.js';
import type { CoreContext } from '../../context.js';
import { createJourneysService } from './journeys-service.js';
import { createValidationContext } from './validation-context.js';
import { createVersionsService } from './versions-service.js';

export function journeyHandlers({ workspace, events, clock }: CoreContext): HandlersFor<keyof typeof journeyChannels> {
  const journeys = createJourneysService(workspace.db, clock);
  const versions = createVersionsService(workspace.db, clock);
  const validationContext = createValidationContext(workspace.db, clock);
  const messages = createMessagesService(workspace.db, clock);
  const tx = <T>(fn: () => T): T => workspace.db.transaction(fn)();

  const detail = (journeyId: string, versionId?: string): JourneyDetail => {
    const journey = journeys.get(journeyId);
    const version = versionId ? versions.get(versionId) : versions.current(journeyId);
    if (version.journeyId !== journeyId) throw new StudioError('not_found', 'That version belongs to another journey.');
    return { journey, versions: versions.list(journeyId), version };
  };

  return {
    'journeys.list': () => journeys.list(),
    'journeys.get': ({ id }) => journeys.get(id),
    'journeys.create': ({ name }) => {
      const journey = tx(() => {
        const created = journeys.create(name);
        versions.createFirst(created.id);
        return created;
      });
      events.emit('journeys.changed', { change: 'created', id: journey.id });
      return journey;
    },
    'journeys.rename': ({ id, name }) => {
      const journey = journeys.rename(id, name);
      events.emit('journeys.changed', { change: 'renamed', id });
      return journey;
    },
    'journeys.duplicate': ({ id, name }) => {
      const journey = tx(() => {
        const source = versions.current(id);
        const copy = journeys.duplicate(id, name);
        versions.createFirst(copy.id, source.graph, source.layout);
        return copy;
      });
      events.emit('journeys.changed', { change: 'duplicated', id: journey.id });
      return journey;
    },
    'journeys.delete': ({ id }) => {
      if (versions.list(id).some((v) => v.status === 'live')) {
        throw new StudioError('conflict', 'This journey is live: stop it before deleting it.');
      }
      const result = journeys.delete(id);
      events.emit('journeys.changed', { change: 'deleted', id });
      return result;
    },
    'journeys.restore': ({ id }) => {
      const journey = journeys.restore(id);
      events.emit('journeys.changed', { change: 'restored', id });
      return journey;
    },
    'journeys.open': ({ id, versionId }) => detail(id, versionId),
    'journeys.saveDraft': ({ versionId, graph, layout }) => {
      const saved = versions.saveDraft(versionId, graph, layout);
      journeys.touch(saved.journeyId);
      events.emit('journeys.changed', { change: 'saved', id: saved.journeyId });
      return saved;
    },
    'journeys.publish': ({ versionId }) => {
      const version = versions.publish(versionId, validationContext());
      events.emit('journeys.changed', { change: 'published', id: version.journeyId });
      return detail(version.journeyId, version.id);
    },
    'journeys.stop': ({ versionId }) => {
      const version = versions.stop(versionId);
      events.emit('journeys.changed', { change: 'stopped', id: version.journeyId });
      return detail(version.journeyId, version.id);
    },
    'journeys.newDraft': ({ versionId }) => {
      const version = versions.newDraft(versionId);
      events.emit('journeys.changed', { change: 'drafted', id: version.journeyId });
      return detail(version.journeyId, version.id);
    },
    'journeys.exportFile': ({ versionId }) => {
      const version = versions.get(versionId);
      const journey = journeys.get(version.journeyId);
      const content = serializeJourneyFile({
        format: JOURNEY_FILE_FORMAT,
        formatVersion: JOURNEY_FILE_VERSION,
        name: journey.name,
        graph: version.graph,
        layout: version.layout,
        messages: messageIdsOf(version.graph).flatMap((messageId) => {
          try {
            const { id: mid, name, channelId, content } = messages.get(messageId);
            return [{ id: mid, name, channelId, content }];
          } catch {
            return []; // A deleted message: the file is then incomplete, and import says so.
          }
        }),
      });
      const safeName = journey.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-') || 'journey';
      return { fileName: `${safeName}.journey.json`, content };
    },
    'journeys.importFile': ({ content }) => {
      const parsed = parseJourneyFile(content);
      if (!parsed.ok) throw new StudioError('invalid_input', parsed.reason);
      const journey = tx(() => {
        // Messages the workspace already has are used as they are; the others are added (under a
        // fresh id if theirs is taken by another message) and the steps follow.
        const renamed = new Map<string, string>();
        for (const message of parsed.file.messages) {
          const existing = messages.list().find((m) => m.id === message.id);
          if (existing) continue;
          const added = messages.import(message);
          if (added.id !== message.id) renamed.set(message.id, added.id);
        }
        const graph: JourneyGraph = {
          nodes: parsed.file.graph.nodes.map((node) =>
            node.type === 'message' && node.config.messageId && renamed.has(node.config.messageId)
              ? { ...node, config: { ...node.config, messageId: renamed.get(node.config.messageId)! } }
              : node,
          ),
        };
        const created = journeys.create(parsed.file.name);
        versions.createFirst(created.id, graph, parsed.file.layout);
        return created;
      });
      events.emit('journeys.changed', { change: 'imported', id: journey.id });
      return journey;
    },
  };
}
