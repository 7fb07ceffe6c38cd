// Open TCP/TLS connections by the peer they reach, so requests to a peer reuse one connection:
// outbound ones we opened, and inbound ones whose top Via carried "alias" (RFC 5923 §5-6), under
// the address and port that Via names.
import { flowKey, type Flow } from './flow.ts';
import type { TransportName } from './types.ts';

export class ConnectionPool {
  private readonly flows = new Map<string, Flow>();
  private readonly opening = new Map<string, Promise<Flow>>();

  get(transport: TransportName, address: string, port: number): Flow | undefined {
    return this.flows.get(flowKey(transport, address, port));
  }

  /** Registers a flow; returns the function that forgets it (call it when the connection closes). */
  add(transport: TransportName, address: string, port: number, flow: Flow): () => void {
    const key = flowKey(transport, address, port);
    this.flows.set(key, flow);
    return () => {
      if (this.flows.get(key) === flow) this.flows.delete(key);
    };
  }

  /** The pooled flow, or one opened by `open`; concurrent callers share one connection attempt. */
  getOrOpen(
    transport: TransportName,
    address: string,
    port: number,
    open: () => Promise<Flow>,
  ): Promise<Flow> {
    const existing = this.get(transport, address, port);
    if (existing) return Promise.resolve(existing);
    const key = flowKey(transport, address, port);
    let pending = this.opening.get(key);
    if (!pending) {
      pending = open().finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.flows.size;
  }
}
