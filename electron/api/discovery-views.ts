// The shapes of engine discovery (DNS-SD browsing and address/range scans) in the app contract.
import { z } from 'zod';

/** An engine found on the network (DNS-SD) or by a scan; `knownEngineId` when it is in the list already. */
export const DiscoveredEngine = z.object({
  /** host:port of the management API: what "Add" puts into the engine list. */
  address: z.string(),
  source: z.enum(['mdns', 'scan']),
  state: z.enum(['checking', 'reachable', 'unreachable']),
  engineId: z.string().optional(),
  name: z.string().optional(),
  version: z.string().optional(),
  provisioned: z.boolean().optional(),
  /** The first bytes of the management certificate's fingerprint (announced, or seen in the handshake). */
  fingerprintPrefix: z.string().optional(),
  /** The certificate seen does not begin with the announced prefix: someone else may answer there. */
  fingerprintMismatch: z.boolean().optional(),
  knownEngineId: z.string().optional(),
  lastError: z.string().optional(),
  lastSeen: z.string().optional(),
});
export type DiscoveredEngine = z.infer<typeof DiscoveredEngine>;

export const DiscoveryListing = z.object({
  /** off: SBC Studio runs without mDNS (SBC_STUDIO_MDNS=off); failed: see `problem`. */
  mdns: z.enum(['browsing', 'stopped', 'off', 'failed']),
  problem: z.string().optional(),
  engines: z.array(DiscoveredEngine),
});
export type DiscoveryListing = z.infer<typeof DiscoveryListing>;

export const ScanFailure = z.object({
  address: z.string(),
  reason: z.enum(['refused', 'timeout', 'name', 'not-engine', 'other']),
  message: z.string(),
});
export type ScanFailure = z.infer<typeof ScanFailure>;

export const ScanResults = z.object({
  scanId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'time-limit']),
  total: z.number().int(),
  done: z.number().int(),
  found: z.array(DiscoveredEngine),
  /** The first failures, in the order they came; `failureCount` counts all of them. */
  failures: z.array(ScanFailure),
  failureCount: z.number().int(),
  /** Addresses never probed because the scan was cancelled or ran out of time. */
  notTried: z.number().int(),
});
export type ScanResults = z.infer<typeof ScanResults>;

export const scanId = z.string().min(1).max(100);
