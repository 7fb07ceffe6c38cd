// The one place the app touches an mDNS library (bonjour-service on multicast-dns): browse for
// `_sbc-studio._tcp` and report instances appearing, changing and saying goodbye. Tests and the
// discovery service use this interface; a double replaces it in unit tests.
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import type { EventEmitter } from 'node:events';
import { SERVICE_NAME } from './announcement-txt.ts';

export interface FoundInstance {
  /** The DNS-SD instance name, unique on the link. */
  instance: string;
  /** Where the answer came from: an address that reaches the engine's host. */
  sourceAddress?: string;
  /** A and AAAA records that came with the answer. */
  addresses: string[];
  port: number;
  txt: Record<string, unknown>;
}

export interface BrowseEvents {
  up(instance: FoundInstance): void;
  down(instanceName: string): void;
}

export interface DnsSdBrowser {
  /** Asks the network again (a PTR query); answers come through the events. */
  query(): void;
  close(): Promise<void>;
}

export interface DnsSdBrowserOptions {
  /** IPv4 address of the interface to browse on; every interface when absent. */
  interface?: string;
  onError: (error: Error) => void;
}

export type DnsSdBrowserFactory = (options: DnsSdBrowserOptions, events: BrowseEvents) => DnsSdBrowser;

function mdnsSocketOptions(networkInterface: string | undefined): Record<string, unknown> {
  if (!networkInterface) return {};
  // multicast-dns binds to `bind ?? interface`; on Linux a socket bound to a unicast address gets
  // no datagrams sent to the group, so it binds to the wildcard and joins on the interface only.
  return { interface: networkInterface, ...(process.platform === 'win32' ? {} : { bind: '0.0.0.0' }) };
}

function toInstance(service: Service): FoundInstance {
  return {
    instance: service.name,
    ...(service.referer?.address ? { sourceAddress: service.referer.address } : {}),
    addresses: service.addresses ?? [],
    port: service.port,
    txt: (service.txt ?? {}) as Record<string, unknown>,
  };
}

export const createDnsSdBrowser: DnsSdBrowserFactory = (options, events) => {
  // bonjour-service passes these options to multicast-dns unchanged (Server → multicastDns(opts)).
  const bonjour = new Bonjour(mdnsSocketOptions(options.interface) as object, (error: Error) =>
    options.onError(error),
  );
  const mdns = (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns;
  // Unhandled, multicast-dns's 'error' (port 5353 not bindable) would end the process.
  mdns?.on('error', (error: Error) => options.onError(error));
  mdns?.on('warning', () => {});
  const browser: Browser = bonjour.find({ type: SERVICE_NAME, protocol: 'tcp' });
  browser.on('up', (service) => events.up(toInstance(service)));
  browser.on('txt-update', (service) => events.up(toInstance(service)));
  browser.on('srv-update', (service) => events.up(toInstance(service)));
  browser.on('down', (service) => events.down(service.name));
  let closed = false;
  return {
    query() {
      if (!closed) browser.update();
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      browser.stop();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, 1500);
        bonjour.destroy(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
};
