// The B2BUA as the engine runs it: calls over the SIP core, targets reached through the connections
// runtime (location, loopback sandbox, TLS profiles), real timers, syslog for call events and traces.
import type { ConnectionsRuntime } from '../connections/connections-runtime.ts';
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import { createTokenSource } from '../runtime/random-tokens.ts';
import type { SipCore } from '../runtime/sip-core.ts';
import type { SyslogSender } from '../syslog/sender.ts';
import { B2bua, CALL_METHODS, CALL_OPTION_TAGS } from './b2bua.ts';
import { createCallNetwork } from './call-network.ts';

export function createEngineCalls(options: {
  core: SipCore;
  connections: ConnectionsRuntime;
  log: (line: string) => void;
  syslog: SyslogSender | undefined;
}): B2bua {
  const { core, connections, log } = options;
  const b2bua = new B2bua({
    network: createCallNetwork({
      sip: core,
      outbound: (attempt) => connections.outbound(attempt.connection.id, attempt.target),
      log,
    }),
    timers: createNodeTimerHost(),
    newToken: createTokenSource(),
    matchSource: (address) => connections.matchSource(address),
    log,
    ...(options.syslog ? { syslog: (event) => options.syslog!.send(event) } : {}),
  });
  core.setCallHandler(b2bua);
  core.setObserver((dir, message, flow) => b2bua.observe(dir, message, flow));
  core.setCapabilities({ allow: CALL_METHODS, supported: CALL_OPTION_TAGS });
  return b2bua;
}
