// Which names and addresses in a ladder are the same machine. Only what a message states is used:
// a Via's sent-by with its received= address (RFC 3261 §18.2.1), and the logging device's own
// Via or local address next to its host name. Ports are not part of a host's identity here.
import type { LoggedSip } from './legs.ts';

export function hostKey(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '');
}

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

export class HostAliases {
  private readonly parent = new Map<string, string>();

  add(host: string): string {
    const key = hostKey(host);
    if (!this.parent.has(key)) this.parent.set(key, key);
    return key;
  }

  find(host: string): string {
    let key = this.add(host);
    for (let n = 0; n < 10_000; n++) {
      const up = this.parent.get(key)!;
      if (up === key) break;
      key = up;
    }
    this.parent.set(hostKey(host), key);
    return key;
  }

  same(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  /** Every host key grouped under its root. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const list = out.get(root);
      if (list) list.push(key);
      else out.set(root, [key]);
    }
    return out;
  }
}

/** Learns aliases from one logged message. `self` is the logging device's column key. */
export function learnAliases(aliases: HostAliases, message: LoggedSip, self: string): void {
  const { sip } = message;
  const received = /;\s*received=([^;,\s]+)/i.exec(
    sip.sipText.split(/\r\n/).find((l) => /^(via|v)\s*:/i.test(l)) ?? '',
  );
  if (sip.via && received) aliases.same(sip.via.host, received[1]!);
  if (sip.local) aliases.same(self, sip.local.host);
  if (!sip.via || !sip.direction) return;
  // The top Via names the element that sent the request: us on the way out, the peer on the way
  // in; on a response it names the element that sent the request, so the roles flip.
  const viaIsOurs = (sip.kind === 'request') === (sip.direction === 'out');
  if (viaIsOurs) aliases.same(self, sip.via.host);
  else if (sip.peer) aliases.same(sip.peer.host, sip.via.host);
}
