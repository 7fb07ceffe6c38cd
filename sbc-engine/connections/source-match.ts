// Which connection a request comes from, by its source address: a connection's allowedSources
// networks, or — when it lists none — the addresses its targets resolve to (the schema's rule for an
// empty list). Pure: the resolved addresses come in from whoever resolved them.
import { parseCidr, parseIpAddress, type IpAddress } from '../config/schema/ip-address.ts';

interface Network {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

export interface SourceRule {
  connectionId: string;
  /** Canonical CIDRs from the config; empty means "the target addresses". */
  allowedSources: readonly string[];
  /** The addresses the targets resolve to now (IP literals included). */
  targetAddresses: readonly string[];
}

/** IPv4 peers on a dual-stack socket show up as ::ffff:a.b.c.d; they count as a.b.c.d. */
function addressOf(text: string): IpAddress | null {
  const plain = text.toLowerCase().startsWith('::ffff:') && text.includes('.') ? text.slice(7) : text;
  return parseIpAddress(plain.replace(/^\[|\]$/g, ''));
}

function contains(network: Network, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  for (let bit = 0; bit < network.prefix; bit += 8) {
    const i = bit / 8;
    const bits = Math.min(8, network.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((network.bytes[i]! & mask) !== (address.bytes[i]! & mask)) return false;
  }
  return true;
}

function networksOf(rule: SourceRule): Network[] {
  if (rule.allowedSources.length > 0) {
    return rule.allowedSources.flatMap((text) => {
      const cidr = parseCidr(text);
      return cidr.ok ? [{ family: cidr.family, bytes: cidr.bytes, prefix: cidr.prefix }] : [];
    });
  }
  return rule.targetAddresses.flatMap((text) => {
    const address = addressOf(text);
    return address ? [{ ...address, prefix: address.family === 4 ? 32 : 128 }] : [];
  });
}

/** The connections a source belongs to, in config order (the first one answers for it). */
export class SourceMatcher {
  private readonly rules: { connectionId: string; networks: Network[] }[];

  constructor(rules: readonly SourceRule[]) {
    this.rules = rules.map((rule) => ({ connectionId: rule.connectionId, networks: networksOf(rule) }));
  }

  match(source: string): string | undefined {
    const address = addressOf(source);
    if (!address) return undefined;
    return this.rules.find((rule) => rule.networks.some((network) => contains(network, address)))
      ?.connectionId;
  }
}
