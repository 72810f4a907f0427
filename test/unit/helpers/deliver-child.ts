// A dispatcher in its own process (the crash test SIGKILLs it): drains the outbox of a workspace
// to simulators run by the parent. argv: WORKSPACE_DIR ENDPOINTS_JSON_FILE
import { readFileSync } from 'node:fs';
import { Dispatcher } from '../../../main/services/delivery/dispatcher';
import { createSimulatorSenders } from '../../../main/services/delivery/direct-senders';
import { createTokenRegistry } from '../../../main/services/delivery/delivery-service';
import { systemClock } from '../../../main/services/clock';
import { silentLogger } from '../../../main/services/log';
import { createOutbox } from '../../../main/services/outbox/outbox';
import { openWorkspace } from '../../../main/services/workspace/workspace';

const [dir, endpointsFile] = process.argv.slice(2);
const workspace = openWorkspace(dir!);
const dispatcher = new Dispatcher({
  outbox: createOutbox(workspace.db, systemClock),
  senders: createSimulatorSenders(JSON.parse(readFileSync(endpointsFile!, 'utf8'))),
  tokens: createTokenRegistry({ workspace }),
  clock: systemClock,
  logger: silentLogger,
  maxInFlight: Number(process.env.MAX_IN_FLIGHT ?? 1000),
});
const summary = await dispatcher.drain();
await dispatcher.close();
workspace.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
