// One question to one address: is there an SBC engine, and which? GET /api/v1/identity needs no
// login and carries no secret, so any certificate is accepted for it; the user confirms the
// fingerprint later, in the add flow, before a password is sent.
import type { Identity } from '../../../sbc-engine/mgmt/contract.ts';
import type { HostPort } from '../../../sbc-engine/config/host-port.ts';
import { callMgmt, MgmtClientError } from '../engines/mgmt-client.ts';

export type ProbeFailureReason = 'refused' | 'timeout' | 'name' | 'not-engine' | 'other';

export type ProbeOutcome =
  | { ok: true; identity: Identity; fingerprint: string }
  | { ok: false; reason: ProbeFailureReason; message: string };

export type IdentityProbe = (target: HostPort, timeoutMs: number) => Promise<ProbeOutcome>;

export const probeIdentity: IdentityProbe = async (target, timeoutMs) => {
  try {
    const { fingerprint, response } = await callMgmt(
      target,
      'identity',
      {},
      { checkFingerprint: () => {}, timeoutMs },
    );
    return { ok: true, identity: response, fingerprint };
  } catch (error) {
    if (error instanceof MgmtClientError) {
      const detail = error.detail;
      if (detail.kind === 'unreachable')
        return { ok: false, reason: detail.reason ?? 'other', message: detail.message };
      // It spoke TLS or HTTP, but not the management API of an engine.
      return { ok: false, reason: 'not-engine', message: `Not an SBC engine: ${error.message}` };
    }
    return { ok: false, reason: 'other', message: (error as Error).message };
  }
};
