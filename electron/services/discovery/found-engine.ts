// Turns what answered /identity into the row the UI shows, and ties it to the engine list.
import type { DiscoveredEngine } from '../../api/contract.ts';
import { fingerprintPrefix } from '../../../sbc-engine/certs/fingerprint.ts';
import { formatHostPort, type HostPort } from '../../../sbc-engine/config/host-port.ts';
import type { KnownEngine } from '../engines/engine-registry.ts';
import type { ProbeOutcome } from './identity-probe.ts';

export const SHOWN_FINGERPRINT_BYTES = 8;

export function foundByProbe(
  target: HostPort,
  source: DiscoveredEngine['source'],
  outcome: Extract<ProbeOutcome, { ok: true }>,
  now: Date,
): DiscoveredEngine {
  return {
    address: formatHostPort(target),
    source,
    state: 'reachable',
    engineId: outcome.identity.id,
    name: outcome.identity.name,
    version: outcome.identity.version,
    provisioned: outcome.identity.provisioned,
    fingerprintPrefix: fingerprintPrefix(outcome.fingerprint, SHOWN_FINGERPRINT_BYTES),
    lastSeen: now.toISOString(),
  };
}

/** The engine in the list at the same address, or with the same pinned certificate. */
export function knownEngineFor(
  engine: Pick<DiscoveredEngine, 'address'>,
  fingerprint: string | undefined,
  known: KnownEngine[],
): string | undefined {
  return (
    known.find((k) => formatHostPort(k) === engine.address)?.id ??
    (fingerprint ? known.find((k) => k.pinnedFingerprint === fingerprint)?.id : undefined)
  );
}
