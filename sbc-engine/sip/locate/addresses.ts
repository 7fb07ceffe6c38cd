// RFC 3263 §4.2: from a host name (the URI host or an SRV target) to addresses, A and AAAA.
import type { LookupSession } from './lookup-session.ts';
import { ipFamily } from './target.ts';
import type { AddressPreference, DnsAnswer, Destination, SipTransport } from './types.ts';

export interface AddressLookup {
  destinations: Destination[];
  /** At least one A or AAAA query timed out or failed (as opposed to "no such name"). */
  failed: boolean;
}

/** The families to query, preferred first. */
export function familyOrder(preference: AddressPreference): (4 | 6)[] {
  switch (preference) {
    case 'ipv4-only':
      return [4];
    case 'ipv6-only':
      return [6];
    case 'ipv6-first':
      return [6, 4];
    default:
      return [4, 6];
  }
}

/** All addresses of `hostname` for one transport and port, preferred family first. */
export async function resolveAddresses(
  session: LookupSession,
  hostname: string,
  port: number,
  transport: SipTransport,
  preference: AddressPreference,
): Promise<AddressLookup> {
  const literal = ipFamily(hostname);
  if (literal !== undefined) {
    // RFC 2782 wants a name here, but some zones put an address in an SRV target: use it as is.
    return {
      destinations: [{ transport, address: hostname, port, family: literal, hostname }],
      failed: false,
    };
  }
  const families = familyOrder(preference);
  const answers = await Promise.all(
    families.map((family): Promise<DnsAnswer<string>> =>
      family === 4 ? session.a(hostname) : session.aaaa(hostname),
    ),
  );
  const destinations: Destination[] = [];
  let failed = false;
  answers.forEach((answer, i) => {
    const family = families[i]!;
    if (!answer.ok) {
      failed ||= answer.error === 'timeout' || answer.error === 'servfail';
      return;
    }
    for (const address of answer.records) {
      if (ipFamily(address) === family) destinations.push({ transport, address, port, family, hostname });
    }
  });
  return { destinations, failed };
}
