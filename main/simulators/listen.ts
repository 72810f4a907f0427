import type { AddressInfo, Server } from 'node:net';

/** The simulators listen on the loopback interface only: nothing off this machine can reach them. */
export const SIMULATOR_HOST = '127.0.0.1';

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, SIMULATOR_HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
