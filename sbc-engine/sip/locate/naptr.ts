// RFC 3263 §4.1: which NAPTR records a SIP client uses, and in which order.
import type { NaptrRecord, SipTransport } from './types.ts';

/** RFC 3263 §4.1 and its IANA registry: the services for the transports we speak. */
const SERVICES: Record<string, SipTransport> = {
  'sip+d2u': 'udp',
  'sip+d2t': 'tcp',
  'sips+d2t': 'tls',
};

/**
 * The transport a NAPTR service field names, if we may use it. A SIPS URI may use only SIPS+D2T;
 * a SIP URI keeps SIPS+D2T too, since we support TLS (RFC 3263 §4.1).
 */
export function naptrTransport(
  service: string,
  secure: boolean,
  supported: readonly SipTransport[],
): SipTransport | undefined {
  const transport = SERVICES[service.toLowerCase()];
  if (transport === undefined || !supported.includes(transport)) return undefined;
  if (secure && transport !== 'tls') return undefined;
  return transport;
}

/** RFC 3403 §4.1: lowest order first, then lowest preference; the sort keeps DNS order for ties. */
export function sortNaptrRecords(records: readonly NaptrRecord[]): NaptrRecord[] {
  return [...records].sort((a, b) => a.order - b.order || a.preference - b.preference);
}
