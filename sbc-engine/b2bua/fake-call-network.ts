// An in-memory CallNetwork for tests: it records every INVITE dialled, request and message sent,
// and lets the test answer them (responses, timeouts, transport failures) by hand.
import type { SipMessage, SipRequest } from '../sip/message.ts';
import type { ClientCallbacks } from '../sip/transaction/transaction-layer.ts';
import type { CallNetwork, DialEvents, NextHop } from './call-ports.ts';
import type { Attempt } from './failover.ts';

export interface FakeDial {
  attempt: Attempt;
  invite: SipRequest;
  hop: NextHop;
  events: DialEvents;
}

export interface FakeRequest {
  hop: NextHop;
  request: SipRequest;
  callbacks: ClientCallbacks;
}

export class FakeCallNetwork implements CallNetwork {
  readonly dials: FakeDial[] = [];
  readonly requests: FakeRequest[] = [];
  readonly sent: { hop: NextHop; message: SipMessage }[] = [];
  /** Local end the fake flows show (Contact and Via of the b leg). */
  local = { address: '192.0.2.1', port: 40000 };

  dial(attempt: Attempt, build: Parameters<CallNetwork['dial']>[1], events: DialEvents): void {
    const invite = build({ transport: attempt.target.transport, ...this.local });
    const hop: NextHop = {
      transport: attempt.target.transport,
      remote: { address: attempt.target.host, port: attempt.target.port ?? 5060 },
      destination: {
        transport: attempt.target.transport,
        address: attempt.target.host,
        port: attempt.target.port ?? 5060,
      },
    };
    this.dials.push({ attempt, invite, hop, events });
    events.sent(hop, invite);
  }

  request(hop: NextHop, request: SipRequest, callbacks: ClientCallbacks): void {
    this.requests.push({ hop, request, callbacks });
  }

  send(hop: NextHop, message: SipMessage): void {
    this.sent.push({ hop, message });
  }

  /** The requests of one method, in the order they were sent. */
  requestsOf(method: string): FakeRequest[] {
    return this.requests.filter((r) => r.request.method === method);
  }
}
