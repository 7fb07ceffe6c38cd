// What the diagnostics routes do, apart from HTTP: an OPTIONS probe that leaves from the engine
// (its address, its NAT, its client certificate), with the trust and the client certificate taken
// from the engine's certificate store. At most MAX_CONCURRENT_PROBES run at once; the key material
// stays in this process and the answer carries only what the response schema names.
import type { z } from 'zod';
import { CertificateStoreError, type CertificateStore } from '../certs/store/index.ts';
import { isIP } from 'node:net';
import {
  parseTarget,
  probeOptions,
  ProbeInputError,
  type ProbeOptions,
  type ProbeResult,
} from '../diag/index.ts';
import type { MgmtBody, MgmtResponse } from './contract.ts';
import {
  DiagnosticsOptionsResult,
  MAX_CONCURRENT_PROBES,
  type ProbeResult as ProbeResultSchema,
} from './diagnostics-routes.ts';
import { MgmtError } from './errors.ts';

// The contract describes the library's result again (diagnostics-routes.ts); both must agree.
type Described = z.infer<typeof ProbeResultSchema>;
const resultTypesAgree: [ProbeResult, Described] extends [Described, ProbeResult] ? true : false = true;
void resultTypesAgree;

/** How long a refused caller should wait: a probe of one OPTIONS with a short timeout ends by then. */
const RETRY_AFTER_SECONDS = 5;

export interface DiagnosticsServiceDeps {
  store: Pick<CertificateStore, 'trustedCaPems' | 'tlsMaterial' | 'list'>;
  /** The own certificate the SIP TLS listeners serve, or undefined while none is chosen. */
  sipTlsCertificateId: () => string | undefined;
  log: (line: string) => void;
  /** The probe itself; a test may put a fake in. */
  probe?: (options: ProbeOptions) => Promise<ProbeResult>;
  /**
   * SBC_ENGINE_SANDBOX=loopback (see connections/engine-connections.ts): probes go only to loopback
   * addresses and names are asked of these DNS servers, so nothing leaves the machine.
   */
  sandbox?: { dnsServers: string[] };
  maxConcurrent?: number;
}

type Body = MgmtBody<'diagnosticsOptions'>;

function invalid(field: string, message: string): MgmtError {
  return new MgmtError(400, 'invalid-body', `${field}: ${message}`, { field });
}

// The library names its own options; the API's names differ for some.
const FIELDS: Record<string, string> = {
  ca: 'trust',
  cert: 'clientCertificate',
  key: 'clientCertificate',
  timeout: 'timeoutSeconds',
  slow: 'slowMs',
};

export class DiagnosticsService {
  private readonly deps: DiagnosticsServiceDeps;
  private running = 0;

  constructor(deps: DiagnosticsServiceDeps) {
    this.deps = deps;
  }

  async options(body: Body, source: string): Promise<MgmtResponse<'diagnosticsOptions'>> {
    const notes: string[] = [];
    const caPems = this.trustedPems(body.trust);
    const clientCertificate = this.clientCertificate(body.clientCertificate);
    const limit = this.deps.maxConcurrent ?? MAX_CONCURRENT_PROBES;
    if (this.running >= limit)
      throw new MgmtError(
        429,
        'busy',
        `This engine is already running ${limit} probes; try again when one has finished.`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    if (this.deps.sandbox) this.refuseOutsideSandbox(body);
    this.running++;
    let result: ProbeResult;
    try {
      result = await (this.deps.probe ?? probeOptions)({
        target: body.target,
        ...(this.deps.sandbox ? { dns: { servers: this.deps.sandbox.dnsServers } } : {}),
        ...(body.transport ? { transport: body.transport } : {}),
        timeoutMs: body.timeoutSeconds * 1000,
        count: body.count,
        ...(body.slowMs !== undefined ? { slowMs: body.slowMs } : {}),
        ...(body.contactHost ? { contactHost: body.contactHost } : {}),
        ...(body.contactPort ? { contactPort: body.contactPort } : {}),
        ...(body.nameCheck ? { nameCheck: body.nameCheck } : {}),
        ...(caPems ? { caPems } : {}),
        ...(clientCertificate ? { clientCertificate } : {}),
      });
    } catch (error) {
      if (!(error instanceof ProbeInputError)) throw error;
      const field = FIELDS[error.field] ?? error.field;
      // The library's messages speak of the CLI's options (--transport); the field says which one here.
      throw invalid(field, error.message.replace(/--([a-z-]+)/g, '$1'));
    } finally {
      this.running--;
    }
    if (caPems?.length === 0 && result.transport === 'tls')
      notes.push(
        "The engine's store of trusted CAs is empty, so no TLS peer can be trusted: add the peer's root CA under Certificates, or probe with the public roots.",
      );
    this.deps.log(
      `[diag] OPTIONS probe to ${body.target}: ${result.diagnosis.code}${result.answer ? ` (${result.answer.status})` : ''}, asked by ${source}`,
    );
    // Parsing drops anything the schema does not name: only the described result leaves the engine.
    return DiagnosticsOptionsResult.parse({ ...result, notes });
  }

  private refuseOutsideSandbox(body: Body): void {
    let host: string;
    try {
      host = parseTarget(body.target, body.transport).host.replace(/^\[|\]$/g, '');
    } catch {
      return; // the probe itself names what is wrong with the target
    }
    const literal = isIP(host) !== 0;
    if (literal && !/^127\./.test(host) && host !== '::1') {
      throw invalid(
        'target',
        `this engine runs in a loopback sandbox (SBC_ENGINE_SANDBOX): ${host} is not a loopback address`,
      );
    }
  }

  private trustedPems(trust: Body['trust']): string[] | undefined {
    if (trust === 'public') return undefined;
    if (trust === 'store') return this.deps.store.trustedCaPems();
    const known = new Map(
      this.deps.store.list().trustedCas.map((entry) => [entry.id, entry.certificate.pem]),
    );
    return trust.map((id, index) => {
      const pem = known.get(id);
      if (pem === undefined)
        throw invalid(`trust.${index}`, `no trusted CA with id ${id} in the engine's store`);
      return pem;
    });
  }

  private clientCertificate(choice: Body['clientCertificate']): ProbeOptions['clientCertificate'] {
    if (choice === 'none') return undefined;
    const id = choice === 'sip-tls' ? this.deps.sipTlsCertificateId() : choice;
    if (id === undefined)
      throw invalid(
        'clientCertificate',
        'no certificate is chosen for SIP TLS yet; choose one under Certificates, or name an own certificate',
      );
    try {
      const material = this.deps.store.tlsMaterial(id);
      return { certChain: material.cert, key: material.key };
    } catch (error) {
      if (error instanceof CertificateStoreError) throw invalid('clientCertificate', error.message);
      throw error;
    }
  }
}
