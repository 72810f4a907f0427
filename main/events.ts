import { type EventName, type EventPayload, type StudioEvent, events } from '../shared/contract.js';

export type EventListener = (event: StudioEvent) => void;

/** Fan-out of core events to every connected renderer (IPC windows, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // Validate here so that a core bug can never push a malformed or over-sharing event.
    const checked = events[name].parse(payload) as EventPayload<E>;
    this.publish({ name, payload: checked } as StudioEvent);
  }

  /** Passes on an event another bus already checked (a workspace session relays its core's). */
  publish(event: StudioEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed socket) must not stop the others.
      }
    }
  }
}
