// The one place the engine touches an mDNS library (bonjour-service on multicast-dns). Announcing
// needs only "publish this service" and "take it back", so that is all this interface offers;
// tests replace it with a recording double.
import { Bonjour } from 'bonjour-service';
import type { EventEmitter } from 'node:events';
import { SERVICE_NAME } from './announcement.ts';

export interface PublishedService {
  name: string;
  port: number;
  txt: Record<string, string>;
}

export interface MdnsPublisher {
  /** Replaces whatever was published before (a goodbye for the old record goes out first). */
  publish(service: PublishedService): Promise<void>;
  /** Sends goodbyes (TTL 0) for the published service and keeps the socket. */
  withdraw(): Promise<void>;
  /** Sends goodbyes (TTL 0) for the published service and closes the socket. */
  close(): Promise<void>;
}

export interface MdnsPublisherOptions {
  /**
   * IPv4 address of the interface to announce on (its multicast membership and outgoing
   * interface); every interface when absent. Tests pass 127.0.0.1 inside a network namespace.
   */
  interface?: string;
  onError: (error: Error) => void;
}

/** A goodbye or a socket close that never completes must not hold up stopping the engine. */
const CLOSE_LIMIT_MS = 1500;

export function mdnsSocketOptions(networkInterface: string | undefined): Record<string, unknown> {
  if (!networkInterface) return {};
  // multicast-dns binds to `bind ?? interface`. On Linux a socket bound to a unicast address never
  // sees datagrams sent to 224.0.0.251, so it binds to the wildcard and joins the group on the
  // interface; Windows delivers group traffic to a socket bound to the interface address.
  return { interface: networkInterface, ...(process.platform === 'win32' ? {} : { bind: '0.0.0.0' }) };
}

export function createMdnsPublisher(options: MdnsPublisherOptions): MdnsPublisher {
  // bonjour-service hands its options on to multicast-dns unchanged (Server → multicastDns(opts)).
  const bonjour = new Bonjour(mdnsSocketOptions(options.interface) as object, (error: Error) =>
    options.onError(error),
  );
  // multicast-dns emits 'error' (EADDRINUSE, EACCES) on its own emitter, which bonjour-service
  // does not listen to: without this an unbindable port 5353 would end the engine.
  const mdns = (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns;
  mdns?.on('error', (error: Error) => options.onError(error));
  mdns?.on('warning', () => {}); // interfaces coming and going; nothing to act on
  let closed = false;

  function unpublishAll(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, CLOSE_LIMIT_MS);
      bonjour.unpublishAll(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  return {
    async publish(service) {
      if (closed) return;
      await unpublishAll();
      bonjour.publish({
        name: service.name,
        type: SERVICE_NAME,
        protocol: 'tcp',
        port: service.port,
        txt: service.txt,
      });
    },
    async withdraw() {
      if (!closed) await unpublishAll();
    },
    async close() {
      if (closed) return;
      closed = true;
      await unpublishAll();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_LIMIT_MS);
        bonjour.destroy(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
