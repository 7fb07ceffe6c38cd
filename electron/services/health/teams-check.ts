// The Teams check: in one click, the questions behind "Teams shows my SBC as inactive". First the
// three proxies, in Microsoft's order, probed from the SBC itself; then the SBC's own side: the
// Contact its OPTIONS carry (FQDN, and the port Teams will answer to: seed 003's 5067/5061 trap),
// its FQDN in DNS against its public address, the chain it sends, and the root it trusts Teams by.
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import type { Connection } from '../../../sbc-engine/config/schema/connections.ts';
import type { TlsProfile } from '../../../sbc-engine/config/schema/tls-profiles.ts';
import { peerKind } from '../../../sbc-engine/config/lint/peers.ts';
import type { DiagnosisCode } from '../../../sbc-engine/diag/diagnosis.ts';
import type { MgmtBody, MgmtResponse } from '../../../sbc-engine/mgmt/contract.ts';
import type { TeamsCheckResult, TeamsCheckStep } from '../../api/health-views.ts';
import { PROBE_FIXES } from './issue-texts.ts';

/** A Teams proxy as the check names it, and where the probe goes (overridable for loopback tests). */
export interface TeamsProxy {
  name: string;
  target: string;
}

// providers.md: commercial cloud, in failover order, TLS on 5061.
export const TEAMS_PROXIES: readonly TeamsProxy[] = ['sip', 'sip2', 'sip3'].map((host) => ({
  name: `${host}.pstnhub.microsoft.com`,
  target: `sip:${host}.pstnhub.microsoft.com:5061;transport=tls`,
}));

/** Microsoft's TLS certificates chain to this root since the Baltimore root expired. */
export const TEAMS_ROOT = 'DigiCert Global Root G2';

// Teams pairs a gateway on 5061 unless New-CsOnlinePSTNGateway says otherwise.
export const DEFAULT_SIP_SIGNALING_PORT = 5061;

export interface TeamsCheckInput {
  engineId: string;
  config: Config;
  /** The SIP sockets the engine has open (/identity). */
  listening: readonly { transport: string; host: string; port: number }[];
  certificates: MgmtResponse<'certificatesList'>;
  sipSignalingPort: number;
  proxies: readonly TeamsProxy[];
  probe(body: MgmtBody<'diagnosticsOptions'>): Promise<MgmtResponse<'diagnosticsOptions'>>;
  /** Addresses of a name (A and AAAA); throws with a code such as ENOTFOUND. */
  resolve(name: string): Promise<string[]>;
  now: () => number;
}

type Values = TeamsCheckStep['values'];

function step(
  id: string,
  title: string,
  status: TeamsCheckStep['status'],
  detail: string,
  fix: string | null,
  values: Values = {},
): TeamsCheckStep {
  return { id, title, status, detail, fix, values };
}

function teamsConnection(config: Config): Connection | undefined {
  return config.connections.find((c) => peerKind(c) === 'teams');
}

function profileOf(config: Config, connection: Connection | undefined): TlsProfile | undefined {
  const id = connection?.tlsProfile ?? 'default';
  return config.tlsProfiles.find((p) => p.id === id);
}

/**
 * The port the engine writes into Contact over TLS: that of its first TLS listener (as
 * sbc-engine/connections builds it). Teams sends its own OPTIONS there.
 */
export function contactPortOf(config: Config): number | undefined {
  return config.voip.listeners.find((l) => l.transport === 'tls')?.port;
}

/** The TLS listener that presents the Teams connection's certificate. */
function teamsListenerPort(config: Config, profile: TlsProfile | undefined): number | undefined {
  return config.voip.listeners.find((l) => l.transport === 'tls' && l.tlsProfile === profile?.id)?.port;
}

/** The address peers see: a WAN interface's 1:1 NAT address, else its own address. */
export function publicAddresses(config: Config): string[] {
  const wan = config.system.interfaces.filter((nic) => nic.role === 'wan');
  const nics = wan.length ? wan : config.system.interfaces;
  return nics.map((nic) => nic.natPublicAddress ?? nic.address);
}

async function probeProxies(
  input: TeamsCheckInput,
  contactPort: number | undefined,
): Promise<TeamsCheckStep[]> {
  const fqdn = input.config.system.fqdn;
  const profile = profileOf(input.config, teamsConnection(input.config));
  const steps: TeamsCheckStep[] = [];
  // One after the other, in Microsoft's order: sip first, then sip2, then sip3.
  for (const [i, proxy] of input.proxies.entries()) {
    const id = `probe-${i + 1}`;
    const title = `OPTIONS from the SBC to ${proxy.name}`;
    try {
      const result = await input.probe({
        target: proxy.target,
        timeoutSeconds: 5,
        count: 1,
        ...(fqdn ? { contactHost: fqdn } : {}),
        ...(contactPort ? { contactPort } : {}),
        nameCheck: profile?.peerNameCheck ?? 'wildcard',
        trust: 'store',
        clientCertificate: profile?.ownCertificate ?? input.certificates.sipTlsCertificateId ?? 'none',
      });
      const code = result.diagnosis.code as DiagnosisCode;
      steps.push(
        step(
          id,
          title,
          result.severity,
          result.diagnosis.message,
          result.severity === 'ok' ? null : PROBE_FIXES[code],
          {
            proxy: proxy.name,
            diagnosis: code,
            ...(result.answer ? { rttMs: Math.round(result.answer.rttMs) } : {}),
            ...(result.tls?.version ? { tlsVersion: result.tls.version } : {}),
          },
        ),
      );
    } catch (error) {
      steps.push(
        step(
          id,
          title,
          'critical',
          `The engine could not run the probe: ${(error as Error).message}`,
          'Try again in a moment; the engine runs at most 4 probes at once.',
          { proxy: proxy.name },
        ),
      );
    }
  }
  return steps;
}

function contactSteps(input: TeamsCheckInput, contactPort: number | undefined): TeamsCheckStep[] {
  const { config, sipSignalingPort } = input;
  const fqdn = config.system.fqdn;
  const steps: TeamsCheckStep[] = [];
  steps.push(
    fqdn
      ? step('contact-fqdn', 'Contact carries the SBC FQDN', 'ok', `The OPTIONS carry Contact: <sip:ping@${fqdn}:${contactPort ?? '?'};transport=tls>.`, null, { fqdn })
      : step('contact-fqdn', 'Contact carries the SBC FQDN', 'critical', 'system.fqdn is not set: Contact carries an IP address, and Teams only accepts the FQDN its certificate and the tenant name.', 'Set system.fqdn to the name in the SBC certificate and in New-CsOnlinePSTNGateway -Fqdn.'),
  ); // prettier-ignore

  const title = 'Contact port, listening port and SipSignalingPort agree';
  if (contactPort === undefined) {
    steps.push(step('contact-port', title, 'critical', 'The configuration has no TLS listener: Teams cannot reach this SBC at all.', 'Add a TLS listener on 5061 with the TLS profile of the Teams connection.'));
    return steps;
  } // prettier-ignore
  const profile = profileOf(config, teamsConnection(config));
  const teamsPort = teamsListenerPort(config, profile);
  const listening = input.listening.some((s) => s.transport === 'tls' && s.port === contactPort);
  const values = { contactPort, sipSignalingPort, teamsListenerPort: teamsPort ?? '' };
  if (contactPort !== sipSignalingPort) {
    steps.push(
      step('contact-port', title, 'critical',
        `The SBC listens for TLS on ${contactPort} and writes ${contactPort} into Contact, but Teams pairs this gateway with SipSignalingPort ${sipSignalingPort}: Teams sends its own OPTIONS to ${sipSignalingPort}, where this SBC does not listen, so they never arrive and Teams shows the SBC as inactive.`,
        `Listen on ${sipSignalingPort} (voip.listeners), or pair the gateway with New-CsOnlinePSTNGateway -SipSignalingPort ${contactPort}.`,
        values),
    ); // prettier-ignore
  } else if (teamsPort !== undefined && teamsPort !== contactPort) {
    steps.push(
      step('contact-port', title, 'critical',
        `Contact carries ${contactPort} (the first TLS listener), but the listener with the Teams certificate is on ${teamsPort}: Teams' answers reach a listener that presents another certificate.`,
        `Make the TLS listener on ${teamsPort} the first one, or give the listener on ${contactPort} the Teams connection's TLS profile.`,
        values),
    ); // prettier-ignore
  } else if (!listening) {
    steps.push(
      step('contact-port', title, 'critical', `The configuration names TLS port ${contactPort}, but the engine has no TLS socket open on it.`, 'Apply the configuration again and look for a port the engine could not bind (another program may hold it).', values),
    ); // prettier-ignore
  } else {
    steps.push(
      step(
        'contact-port',
        title,
        'ok',
        `Contact, the TLS listener and SipSignalingPort all say ${contactPort}.`,
        null,
        values,
      ),
    );
  }
  return steps;
}

async function fqdnStep(input: TeamsCheckInput): Promise<TeamsCheckStep> {
  const title = 'The SBC FQDN resolves to its public address';
  const fqdn = input.config.system.fqdn;
  if (!fqdn) return step('fqdn-dns', title, 'skipped', 'No SBC FQDN is set.', null);
  const expected = publicAddresses(input.config);
  let addresses: string[];
  try {
    addresses = await input.resolve(fqdn);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return step('fqdn-dns', title, 'critical', `${fqdn} does not resolve (${code}): Teams cannot find this SBC.`, `Create an A record for ${fqdn} pointing to ${expected[0] ?? 'the public address'} in the public DNS zone.`, { fqdn, error: code }); // prettier-ignore
  }
  const values = { fqdn, addresses: addresses.join(', '), expected: expected.join(', ') };
  if (!expected.length) {
    return step('fqdn-dns', title, 'warning', `${fqdn} resolves to ${addresses.join(', ')}, but the configuration names no interface to compare with.`, 'Add the WAN interface with its 1:1 NAT public address (system.interfaces).', values); // prettier-ignore
  }
  if (addresses.some((a) => expected.includes(a))) {
    return step(
      'fqdn-dns',
      title,
      'ok',
      `${fqdn} resolves to ${addresses.join(', ')}, the configured public address.`,
      null,
      values,
    );
  }
  return step('fqdn-dns', title, 'critical', `${fqdn} resolves to ${addresses.join(', ')}, but the configured public address is ${expected.join(', ')}: Teams connects to another machine.`, `Correct the A record of ${fqdn}, or the NAT public address of the WAN interface.`, values); // prettier-ignore
}

function chainStep(input: TeamsCheckInput): TeamsCheckStep {
  const title = 'The SBC sends a complete certificate chain';
  const profile = profileOf(input.config, teamsConnection(input.config));
  const id = profile?.ownCertificate ?? input.certificates.sipTlsCertificateId;
  const entry = id ? input.certificates.own.find((e) => e.id === id) : undefined;
  if (!entry?.certificate) {
    return step('chain', title, 'critical', 'SIP TLS presents the management certificate, which is self-signed: Teams trusts only certificates from public CAs.', 'Request a certificate for the SBC FQDN from a public CA on the Certificates page and use it in the Teams TLS profile.'); // prettier-ignore
  }
  const leaf = entry.certificate;
  const values = { label: entry.label, subject: leaf.subject, issuer: leaf.issuer };
  if (leaf.selfSigned) {
    return step('chain', title, 'critical', `"${entry.label}" is self-signed: Teams trusts only certificates from public CAs.`, 'Use a certificate from a public CA for the SBC FQDN.', values); // prettier-ignore
  }
  // Each certificate must be followed by its issuer until one is issued by a root (which peers hold).
  const links = [leaf, ...entry.chain];
  const broken = links.findIndex((cert, i) => i < links.length - 1 && links[i + 1]!.subject !== cert.issuer);
  const last = links[links.length - 1]!;
  const endsAtIntermediate = entry.chain.length === 0;
  if (broken >= 0 || endsAtIntermediate) {
    const missing = broken >= 0 ? links[broken]!.issuer : last.issuer;
    return step('chain', title, 'critical', `"${entry.label}" is sent without its issuer ${missing}: Teams cannot build the chain to a root it trusts.`, 'Import the intermediate certificate(s) of your CA on the Certificates page.', { ...values, missing }); // prettier-ignore
  }
  return step('chain', title, 'ok', `"${entry.label}" is sent with ${entry.chain.length} intermediate certificate(s) up to ${last.issuer}.`, null, values); // prettier-ignore
}

function rootStep(input: TeamsCheckInput): TeamsCheckStep {
  const title = `The trust store holds ${TEAMS_ROOT}`;
  const profile = profileOf(input.config, teamsConnection(input.config));
  const wanted = TEAMS_ROOT.toLowerCase();
  const refs = profile?.trustedCas ?? [];
  const held = refs.some((ref) =>
    ref.source === 'bundled'
      ? ref.name.trim().toLowerCase() === wanted
      : input.certificates.trustedCas.some(
          (ca) => ca.id === ref.id && ca.certificate.subject.toLowerCase().includes(wanted),
        ),
  );
  const values = { root: TEAMS_ROOT, profile: profile?.id ?? '' };
  if (held) return step('root', title, 'ok', `The TLS profile "${profile?.name}" trusts ${TEAMS_ROOT}, the root of Microsoft's SIP certificates.`, null, values); // prettier-ignore
  return step('root', title, 'critical', `The TLS profile "${profile?.name ?? 'default'}" does not trust ${TEAMS_ROOT}: the SBC cannot verify Teams' certificate (the old Baltimore root alone expired in 2025).`, `Add the bundled ${TEAMS_ROOT} to the trusted CAs of that TLS profile (Configuration page; the linter's teams-trusted-root fix does it).`, values); // prettier-ignore
}

const RANK = { ok: 0, skipped: 0, warning: 1, critical: 2 } as const;

export async function runTeamsCheck(input: TeamsCheckInput): Promise<TeamsCheckResult> {
  const contactPort = contactPortOf(input.config);
  const steps = [
    ...(await probeProxies(input, contactPort)),
    ...contactSteps(input, contactPort),
    await fqdnStep(input),
    chainStep(input),
    rootStep(input),
  ];
  const worst = steps.reduce((w, s) => Math.max(w, RANK[s.status]), 0);
  return {
    engineId: input.engineId,
    at: new Date(input.now()).toISOString(),
    status: worst === 2 ? 'critical' : worst === 1 ? 'warning' : 'ok',
    steps,
  };
}
