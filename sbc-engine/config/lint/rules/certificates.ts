// The certificates the SBC presents, judged from the certificate store's listing (a fact the caller
// injects): present at all, the right name for each peer's way of checking, a complete chain,
// serverAuth, key size, expiry.
import type { CertificateListing } from '../../../mgmt/certificates-routes.ts';
import { checkCertificateName, type NameCheck } from '../../../certs/name-match.ts';
import type { Config } from '../../schema/config.ts';
import type { TlsProfile } from '../../schema/tls-profiles.ts';
import { commonName, isMicrosoft, peerKind, profilesInUse, sameName } from '../peers.ts';
import type { LintContext, LintRule, RuleFinding } from '../types.ts';

type OwnEntry = CertificateListing['own'][number];
type Summary = NonNullable<OwnEntry['certificate']>;

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 30;

interface Presented {
  profile: TlsProfile;
  p: number;
  entry: OwnEntry;
  leaf: Summary;
}

/** Profiles in use whose own certificate is in the store and issued. */
function presented(config: Config, context: LintContext): Presented[] {
  const listing = context.certificates;
  if (!listing) return [];
  return profilesInUse(config).flatMap(({ item: profile, index: p }) => {
    const entry = listing.own.find((own) => own.id === profile.ownCertificate);
    return entry?.certificate ? [{ profile, p, entry, leaf: entry.certificate }] : [];
  });
}

function at(p: number): readonly (string | number)[] {
  return ['tlsProfiles', p, 'ownCertificate'];
}

export const certMissing: LintRule = {
  id: 'cert-missing',
  severity: 'error',
  title: "A TLS profile's certificate is not in the store or not issued yet",
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    const listing = context.certificates;
    if (!listing) return [];
    return profilesInUse(config).flatMap(({ item: profile, index: p }): RuleFinding[] => {
      if (profile.ownCertificate === null) return [];
      const entry = listing.own.find((own) => own.id === profile.ownCertificate);
      if (entry?.certificate) return [];
      return [
        {
          path: at(p),
          message: entry
            ? `TLS profile "${profile.name}" uses "${entry.label}", a certificate request the CA's answer was never imported for: the engine has no certificate to present, so TLS listeners and connections with this profile fail. Import the signed certificate under Certificates.`
            : `TLS profile "${profile.name}" uses certificate ${profile.ownCertificate}, which the engine's certificate store does not hold (removed, or the config comes from another engine): TLS with this profile fails.`,
        },
      ];
    });
  },
};

/** How the peers using a profile check our name: Teams by RFC 2818, UM exactly, others as configured. */
function peerModes(config: Config, profile: TlsProfile): { mode: NameCheck; who: string }[] {
  const users = config.connections.filter((c) => c.tlsProfile === profile.id);
  const modes = users.map((c) => {
    const kind = peerKind(c);
    const mode: NameCheck =
      kind === 'teams' ? 'wildcard' : kind === 'exchange-um' ? 'exact' : profile.peerNameCheck;
    return { mode, who: `"${c.name}"` };
  });
  return modes.length ? modes : [{ mode: profile.peerNameCheck, who: 'its peers' }];
}

export const certName: LintRule = {
  id: 'cert-name',
  severity: 'error',
  title: 'The certificate does not name the SBC FQDN the way the peer checks it',
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    const fqdn = config.system.fqdn;
    if (fqdn === null) return [];
    return presented(config, context).flatMap(({ profile, p, leaf }): RuleFinding[] => {
      const names = {
        dns: leaf.subjectAltNames.dns,
        uris: leaf.subjectAltNames.uri,
        ...(commonName(leaf.subject) ? { commonName: commonName(leaf.subject)! } : {}),
      };
      for (const { mode, who } of peerModes(config, profile)) {
        const problem = checkCertificateName(names, fqdn, mode);
        if (problem === null) continue;
        const how =
          mode === 'wildcard'
            ? 'RFC 2818 rules'
            : mode === 'exact'
              ? 'an exact match'
              : 'RFC 5922 (no wildcards)';
        return [
          {
            path: at(p),
            message: `TLS profile "${profile.name}": ${problem}. ${who} checks the SBC's name by ${how}, so it refuses the TLS connection${mode === 'exact' ? ' (Exchange UM answers a wildcard certificate with 403)' : ''}.`,
          },
        ];
      }
      return [];
    });
  },
};

export const certChain: LintRule = {
  id: 'cert-chain',
  severity: 'error',
  title: 'The certificate chain the SBC sends is incomplete',
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    const listing = context.certificates;
    if (!listing) return [];
    const knownRoots = [
      ...listing.trustedCas.map((t) => t.certificate.subject),
      ...(context.bundledRoots ?? []).map((r) => `CN=${r.name}`),
    ];
    const isKnownRoot = (issuer: string) =>
      knownRoots.some(
        (root) => root === issuer || sameName(commonName(root) ?? '', commonName(issuer) ?? '-'),
      );
    return presented(config, context).flatMap(({ profile, p, entry, leaf }): RuleFinding[] => {
      if (leaf.selfSigned) {
        const microsoft = config.connections.some((c) => c.tlsProfile === profile.id && isMicrosoft(c));
        return microsoft
          ? [
              {
                path: at(p),
                message: `TLS profile "${profile.name}" presents the self-signed certificate "${entry.label}": Microsoft accepts only certificates from a public CA, so the handshake fails.`,
              },
            ]
          : [];
      }
      const sent = [leaf, ...entry.chain];
      const broken = sent.findIndex((cert, i) => i > 0 && sent[i - 1]!.issuer !== cert.subject);
      if (broken > 0) {
        return [
          {
            path: at(p),
            message: `TLS profile "${profile.name}": in the chain of "${entry.label}", "${sent[broken - 1]!.subject}" is followed by "${sent[broken]!.subject}", which did not issue it: peers cannot build the chain and refuse the handshake ("unable to get local issuer certificate"). Import the intermediates again.`,
          },
        ];
      }
      const top = sent[sent.length - 1]!;
      if (entry.chain.length > 0 || isKnownRoot(top.issuer)) return [];
      return [
        {
          path: at(p),
          message: `TLS profile "${profile.name}" sends "${entry.label}" without the intermediate CA that issued it (${top.issuer}): peers that do not already hold that intermediate, Microsoft's among them, refuse the handshake ("unable to get local issuer certificate"). Import the CA's intermediate certificates.`,
        },
      ];
    });
  },
};

export const certEku: LintRule = {
  id: 'cert-eku',
  severity: 'error',
  title: 'The certificate lacks Extended Key Usage serverAuth',
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    return presented(config, context).flatMap(({ profile, p, entry, leaf }): RuleFinding[] => {
      const eku = leaf.extendedKeyUsage;
      if (eku.includes('serverAuth') || eku.includes('anyExtendedKeyUsage')) return [];
      const microsoft = config.connections.some((c) => c.tlsProfile === profile.id && isMicrosoft(c));
      if (!eku.length && !microsoft) return []; // no EKU extension: any purpose (RFC 5280 §4.2.1.12)
      return [
        {
          path: at(p),
          message: `"${entry.label}" of TLS profile "${profile.name}" is not for TLS servers (Extended Key Usage: ${eku.join(', ') || 'none'}): peers connecting to the SBC refuse it${microsoft ? ', and Microsoft requires serverAuth' : ''}. Get a certificate with serverAuth.`,
        },
      ];
    });
  },
};

export const certKeySize: LintRule = {
  id: 'cert-key-size',
  severity: 'error',
  title: 'The certificate key is too small (RSA < 2048 bits, EC < 256 bits)',
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    return presented(config, context).flatMap(({ profile, p, entry, leaf }): RuleFinding[] => {
      const { type, bits } = leaf.key;
      const minimum = type.startsWith('RSA') ? 2048 : type === 'EC' ? 256 : 0;
      if (bits >= minimum) return [];
      return [
        {
          path: at(p),
          message: `"${entry.label}" of TLS profile "${profile.name}" has a ${bits}-bit ${type} key: Microsoft and current TLS stacks refuse keys below ${minimum} bits, so the handshake fails. Request a new certificate with a larger key.`,
        },
      ];
    });
  },
};

function daysLeft(cert: Summary, context: LintContext): number {
  if (!context.now) return cert.daysLeft;
  return Math.floor((Date.parse(cert.notAfter) - context.now.getTime()) / DAY_MS);
}

/** The first certificate sent (leaf, then chain) whose days left satisfy `pick`. */
function expiring(
  config: Config,
  context: LintContext,
  pick: (days: number) => boolean,
): { profile: TlsProfile; p: number; entry: OwnEntry; cert: Summary; days: number }[] {
  return presented(config, context).flatMap(({ profile, p, entry, leaf }) => {
    const cert = [leaf, ...entry.chain].find((c) => pick(daysLeft(c, context)));
    return cert ? [{ profile, p, entry, cert, days: daysLeft(cert, context) }] : [];
  });
}

function which(cert: Summary, leaf: boolean): string {
  return leaf ? 'the certificate' : `its intermediate "${cert.subject}"`;
}

export const certExpiring: LintRule = {
  id: 'cert-expiring',
  severity: 'warning',
  title: `A certificate expires within ${EXPIRY_WARNING_DAYS} days`,
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    return expiring(config, context, (days) => days >= 0 && days <= EXPIRY_WARNING_DAYS).map(
      ({ profile, p, entry, cert, days }) => ({
        path: at(p),
        message: `For TLS profile "${profile.name}", ${which(cert, cert === entry.certificate)} of "${entry.label}" expires in ${days} day${days === 1 ? '' : 's'} (${cert.notAfter.slice(0, 10)}): after that every TLS peer refuses the SBC. Renew it now.`,
      }),
    );
  },
};

export const certExpired: LintRule = {
  id: 'cert-expired',
  severity: 'error',
  title: 'A certificate has expired',
  fixable: false,
  needs: ['certificates'],
  check(config, context) {
    return expiring(config, context, (days) => days < 0).map(({ profile, p, entry, cert }) => ({
      path: at(p),
      message: `For TLS profile "${profile.name}", ${which(cert, cert === entry.certificate)} of "${entry.label}" expired on ${cert.notAfter.slice(0, 10)}: every TLS peer refuses the SBC, so no TLS call or OPTIONS gets through.`,
    }));
  },
};
