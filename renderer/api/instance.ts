import type { StudioApi } from '../../shared/contract';
import { createApi } from './client';
import type { Transport } from './transport';

let current: { api: StudioApi; transport: Transport } | undefined;

/** Called once at start-up by main.tsx with the transport it chose. */
export function connectStudio(transport: Transport): void {
  current = { api: createApi(transport), transport };
}

function connected() {
  if (!current) throw new Error('connectStudio() must run before the studio renders');
  return current;
}

export const studio = {
  get api(): StudioApi {
    return connected().api;
  },
  get transport(): Transport {
    return connected().transport;
  },
};
