// The provider sandbox in its own process for `npm run bench -- delivery`: starts the APNs and FCM
// simulators, registers simulated devices of the platform it serves (argv: count, then `apns`,
// `fcm` or `both`), tells the parent where they listen, and answers 'counters' (what they
// received, and the CPU time they used) and 'reset' over IPC. The parent passes the listeners'
// certificate (BENCH_SIMULATOR_CERTIFICATE) so that one `ca` trusts every process.
import { startSandbox } from '../main/simulators/sandbox.js';
import { SANDBOX_ANDROID_PACKAGE, SANDBOX_BUNDLE_ID, SANDBOX_PROJECT_ID } from '../main/simulators/credentials.js';
import type { SimulatorCertificate } from '../main/simulators/tls.js';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const perPlatform = Number(process.argv[2] ?? 1000);
const serves = (process.argv[3] ?? 'both') as 'apns' | 'fcm' | 'both';
const certificate = process.env.BENCH_SIMULATOR_CERTIFICATE ? (JSON.parse(process.env.BENCH_SIMULATOR_CERTIFICATE) as SimulatorCertificate) : undefined;
// Each device keeps its last notification only (the 'sample' below reads it): 2,000 devices
// keeping 200 each held 400,000 notifications, whose major collections landed on whichever
// contender was sending (the simulators' CPU per push ranged 48–82 µs between rounds).
const sandbox = await startSandbox({ keepNotifications: 1, ...(certificate ? { certificate } : {}) });
const ios: string[] = [];
const android: string[] = [];
for (let i = 0; i < perPlatform; i += 1) {
  if (serves !== 'fcm') ios.push(sandbox.devices.registerIos({ bundleId: SANDBOX_BUNDLE_ID, environment: 'sandbox' }).token);
  if (serves !== 'apns') android.push(sandbox.devices.registerAndroid({ appId: SANDBOX_ANDROID_PACKAGE, projectId: SANDBOX_PROJECT_ID }).token);
}
process.on('message', (message: { type: string }) => {
  if (message.type === 'counters') {
    const onDevices = sandbox.devices.list().reduce((n, d) => n + d.deliveredCount, 0);
    process.send!({ type: 'counters', apns: sandbox.apns.counters.snapshot(), fcm: sandbox.fcm.counters.snapshot(), onDevices, cpuMs: cpuMs() });
  } else if (message.type === 'reset') {
    sandbox.apns.counters.reset();
    sandbox.fcm.counters.reset();
    process.send!({ type: 'reset', cpuMs: cpuMs() });
  } else if (message.type === 'sample') {
    // What the last push to the first device of each platform carried: the bench prints it for each
    // contender, so a reader can check they sent the same messages.
    const last = (token: string | undefined) => {
      const n = sandbox.devices.list().find((d) => d.token === token)?.notifications.at(-1);
      return n ? { headers: n.headers ?? null, payload: n.payload } : null;
    };
    process.send!({ type: 'sample', apns: last(ios[0]), fcm: last(android[0]) });
  } else if (message.type === 'stop') {
    void sandbox.close().then(() => process.exit(0));
  }
});
process.send!({
  type: 'ready',
  endpoints: {
    credentials: sandbox.credentials,
    caPem: sandbox.caPem,
    apns: { host: sandbox.apns.sandbox.host, port: sandbox.apns.sandbox.port, environment: 'sandbox' },
    fcm: { host: sandbox.fcm.host, port: sandbox.fcm.port },
  },
  ios,
  android,
});
