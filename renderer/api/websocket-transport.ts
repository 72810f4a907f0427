import type { StudioEvent } from '../../shared/contract';
import { StudioError } from '../../shared/errors';
import { HEADLESS, wireServerMessageSchema } from '../../shared/wire';
import type { ConnectionState, Transport } from './transport';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The headless host's transport: one WebSocket (authenticated by the session cookie the host set),
 * calls matched to results by id, events fanned out, and reconnection with backoff. Calls made
 * while disconnected wait for the connection rather than fail, up to a limit.
 */
export function websocketTransport(url = defaultSocketUrl()): Transport {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: StudioEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let retry = 0;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retry = 0;
      setState('open');
      for (const message of queue.splice(0)) socket?.send(message);
    });
    socket.addEventListener('message', (event) => {
      const parsed = wireServerMessageSchema.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'event') {
        for (const listener of eventListeners) listener({ name: message.name, payload: message.payload } as StudioEvent);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.output);
      else waiting.reject(StudioError.from(message.error));
    });
    socket.addEventListener('close', () => {
      setState('lost');
      // Calls in flight on a dead socket have no answer coming: fail them so the UI can say so.
      for (const [id, waiting] of pending) {
        waiting.reject(new StudioError('internal', 'The connection to the studio host was lost. Check that `journey-studio serve` is still running.'));
        pending.delete(id);
      }
      retry += 1;
      setTimeout(connect, Math.min(5000, 250 * 2 ** retry));
    });
  };
  connect();

  return {
    kind: 'websocket',
    call(channel, input) {
      const id = nextId++;
      const message = JSON.stringify({ type: 'call', id, channel, input });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else if (queue.length < 100) queue.push(message);
        else {
          pending.delete(id);
          reject(new StudioError('internal', 'The studio host is not reachable right now.'));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}

function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${HEADLESS.wsPath}`;
}
