// What an engine tells the network about itself over DNS-SD (RFC 6763): the service type and the
// TXT keys. The format is described in DISCOVERY.md; SBC Studio reads it with its own parser
// (electron/services/discovery/announcement-txt.ts), and a test keeps the two in step.
import { fingerprintPrefix } from '../certs/fingerprint.ts';

/** `_sbc-studio._tcp`: the DNS-SD service name without its underscores and protocol. */
export const SERVICE_NAME = 'sbc-studio';
export const SERVICE_TYPE = `_${SERVICE_NAME}._tcp`;
/** Bytes of the management fingerprint carried in `fp`: enough to notice a wrong engine, short for TXT. */
export const TXT_FINGERPRINT_BYTES = 8;
/** RFC 6763 section 4.1.1: an instance name is at most 63 bytes of UTF-8. */
const MAX_INSTANCE_BYTES = 63;

export interface AnnouncementFacts {
  id: string;
  name: string;
  version: string;
  provisioned: boolean;
  mgmtPort: number;
  /** The management certificate's SHA-256, colon-separated upper-case hex. */
  fingerprint: string;
}

export function announcementTxt(facts: AnnouncementFacts): Record<string, string> {
  return {
    id: facts.id,
    version: facts.version,
    prov: facts.provisioned ? '1' : '0',
    mport: String(facts.mgmtPort),
    fp: fingerprintPrefix(facts.fingerprint, TXT_FINGERPRINT_BYTES),
  };
}

/**
 * "name (id prefix)": two engines on hosts with the same name must not claim one instance name.
 * Dots would be read as label separators by browsers, so they become dashes.
 */
export function instanceName(facts: Pick<AnnouncementFacts, 'id' | 'name'>): string {
  const suffix = ` (${facts.id.slice(0, 8)})`;
  let base = facts.name.replace(/\./g, '-').trim() || 'sbc-engine';
  while (Buffer.byteLength(base + suffix) > MAX_INSTANCE_BYTES) base = base.slice(0, -1);
  return base + suffix;
}

export type AnnounceDecision = { announce: true; interface?: string } | { announce: false; reason: string };

/**
 * Where the engine announces, from the management address it listens on: nowhere when that is
 * loopback (nobody else could reach it), on the one interface when it is a specific IPv4 address,
 * else on every interface.
 */
export function announceDecision(mgmtHost: string): AnnounceDecision {
  const host = mgmtHost.toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host) || host === '::ffff:127.0.0.1') {
    return { announce: false, reason: 'the management API listens on loopback only' };
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '0.0.0.0') return { announce: true, interface: host };
  return { announce: true };
}
