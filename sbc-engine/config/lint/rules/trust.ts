// Whom the SBC trusts and what it presents: trust roots per peer, the management certificate toward
// Microsoft, ciphers, per-peer name checking and the bundled roots themselves.
import type { CertificateListing } from '../../../mgmt/certificates-routes.ts';
import type { Config } from '../../schema/config.ts';
import type { TlsProfile } from '../../schema/tls-profiles.ts';
import { makeFix } from '../edit.ts';
import {
  commonName,
  hasTlsTarget,
  isCompanyFlex,
  isMicrosoft,
  peerKind,
  profileIndex,
  sameName,
} from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

const DIGICERT_G2 = 'DigiCert Global Root G2';
const BALTIMORE = 'Baltimore CyberTrust Root';
const TELESEC = 'T-TeleSec GlobalRoot Class 2';

/** 'unknown' when only the certificate store could tell and its listing was not given. */
function trusts(
  profile: TlsProfile,
  root: string,
  listing: CertificateListing | undefined,
): 'yes' | 'no' | 'unknown' {
  if (profile.trustedCas.some((ref) => ref.source === 'bundled' && sameName(ref.name, root))) return 'yes';
  const storeIds = profile.trustedCas.flatMap((ref) => (ref.source === 'store' ? [ref.id] : []));
  if (!storeIds.length) return 'no';
  if (!listing) return 'unknown';
  const found = listing.trustedCas.some((entry) => {
    const cn = commonName(entry.certificate.subject);
    return storeIds.includes(entry.id) && cn !== undefined && sameName(cn, root);
  });
  return found ? 'yes' : 'no';
}

/** Profile indexes of connections (with TLS targets) that `pick` selects, each once. */
function profilesOf(config: Config, pick: (c: Config['connections'][number]) => boolean): number[] {
  const indexes = config.connections
    .filter((c) => hasTlsTarget(c) && pick(c))
    .map((c) => profileIndex(config, c.tlsProfile))
    .filter((p) => p >= 0);
  return [...new Set(indexes)];
}

function addRoot(p: number, name: string) {
  return makeFix(`Trust the bundled root "${name}"`, (draft) => {
    draft.tlsProfiles[p]!.trustedCas.push({ source: 'bundled', name });
  });
}

export const teamsTrustedRoot: LintRule = {
  id: 'teams-trusted-root',
  severity: 'error',
  title: 'Teams needs DigiCert Global Root G2 in the trust store (Baltimore alone is expired)',
  fixable: true,
  check(config, context) {
    return profilesOf(config, (c) => peerKind(c) === 'teams').flatMap((p): RuleFinding[] => {
      const profile = config.tlsProfiles[p]!;
      if (trusts(profile, DIGICERT_G2, context.certificates) !== 'no') return [];
      const baltimore = trusts(profile, BALTIMORE, context.certificates) === 'yes';
      const why = baltimore
        ? `trusts Baltimore CyberTrust Root but not ${DIGICERT_G2}: Microsoft moved its SIP proxies to ${DIGICERT_G2} in 2023 and Baltimore expired in May 2025`
        : `does not trust ${DIGICERT_G2}, the root of Microsoft's SIP proxy certificates since 2023`;
      return [
        {
          path: ['tlsProfiles', p, 'trustedCas'],
          message: `TLS profile "${profile.name}" ${why}. The SBC refuses Teams' certificate ("unable to get local issuer certificate"): no TLS, no OPTIONS, no calls.`,
          ...(profile.trustedCas.length < 64 ? { fix: addRoot(p, DIGICERT_G2) } : {}),
        },
      ];
    });
  },
};

export const companyflexTrustRoot: LintRule = {
  id: 'companyflex-trust-root',
  severity: 'error',
  title: 'CompanyFlex needs T-TeleSec GlobalRoot Class 2 in the trust store',
  fixable: true,
  check(config, context) {
    return profilesOf(config, isCompanyFlex).flatMap((p): RuleFinding[] => {
      const profile = config.tlsProfiles[p]!;
      if (trusts(profile, TELESEC, context.certificates) !== 'no') return [];
      return [
        {
          path: ['tlsProfiles', p, 'trustedCas'],
          message: `TLS profile "${profile.name}" does not trust ${TELESEC}, the root of Telekom's CompanyFlex certificates: the SBC refuses Telekom's certificate, so registration and calls fail.`,
          ...(profile.trustedCas.length < 64 ? { fix: addRoot(p, TELESEC) } : {}),
        },
      ];
    });
  },
};

export const microsoftPublicCertificate: LintRule = {
  id: 'microsoft-public-certificate',
  severity: 'error',
  title: 'Microsoft peers need a certificate from a public CA, not the management certificate',
  fixable: false,
  check(config) {
    return profilesOf(config, isMicrosoft).flatMap((p): RuleFinding[] => {
      const profile = config.tlsProfiles[p]!;
      if (profile.ownCertificate !== null) return [];
      return [
        {
          path: ['tlsProfiles', p, 'ownCertificate'],
          message: `TLS profile "${profile.name}" presents the engine's self-signed management certificate: Microsoft accepts only a certificate from a CA in its Trusted Root Program that names the SBC FQDN, so the TLS handshake fails. Request or import one under Certificates and choose it here.`,
        },
      ];
    });
  },
};

// providers.md: Teams needs TLS 1.2 with at least one of these.
const TEAMS_CIPHERS = [
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-RSA-AES128-SHA256',
];

export const teamsTlsCipher: LintRule = {
  id: 'teams-tls-cipher',
  severity: 'error',
  title: 'The cipher list toward Teams has none of the ciphers Microsoft allows',
  fixable: true,
  check(config) {
    return profilesOf(config, (c) => peerKind(c) === 'teams').flatMap((p): RuleFinding[] => {
      const profile = config.tlsProfiles[p]!;
      if (!profile.ciphers.length || profile.ciphers.some((c) => TEAMS_CIPHERS.includes(c))) return [];
      const added = TEAMS_CIPHERS.filter((c) => !profile.ciphers.includes(c));
      return [
        {
          path: ['tlsProfiles', p, 'ciphers'],
          message: `TLS profile "${profile.name}" allows only ${profile.ciphers.join(', ')}; Teams requires TLS 1.2 with ${TEAMS_CIPHERS.join(', ')} or one of them: the handshake fails with no shared cipher.`,
          ...(profile.ciphers.length + added.length <= 64
            ? {
                fix: makeFix('Add the ciphers Microsoft allows', (draft) => {
                  draft.tlsProfiles[p]!.ciphers.push(...added);
                }),
              }
            : {}),
        },
      ];
    });
  },
};

export const peerNameCheckMode: LintRule = {
  id: 'peer-name-check-mode',
  severity: 'warning',
  title: 'Name checking toward Microsoft peers must allow RFC 2818 wildcards',
  fixable: true,
  check(config) {
    return profilesOf(config, isMicrosoft).flatMap((p): RuleFinding[] => {
      const profile = config.tlsProfiles[p]!;
      if (profile.peerNameCheck === 'wildcard') return [];
      const users = config.connections.filter((c) => c.tlsProfile === profile.id);
      const um = users.some((c) => peerKind(c) === 'exchange-um');
      const onlyMicrosoft = users.every(isMicrosoft);
      return [
        {
          path: ['tlsProfiles', p, 'peerNameCheck'],
          message: `TLS profile "${profile.name}" checks peer names "${profile.peerNameCheck}", but Microsoft names its servers by RFC 2818 rules${um ? ' (Exchange UM presents *.um.outlook.com)' : ''}: a wildcard certificate is refused and TLS to ${um ? 'UM' : 'Teams'} fails.`,
          ...(onlyMicrosoft
            ? {
                fix: makeFix('Check peer names with RFC 2818 wildcards', (draft) => {
                  draft.tlsProfiles[p]!.peerNameCheck = 'wildcard';
                }),
              }
            : {}),
        },
      ];
    });
  },
};

function bundledRefs(config: Config) {
  return config.tlsProfiles.flatMap((profile, p) =>
    profile.trustedCas.flatMap((ref, k) =>
      ref.source === 'bundled' ? [{ profile, p, k, name: ref.name }] : [],
    ),
  );
}

export const bundledRootExpired: LintRule = {
  id: 'bundled-root-expired',
  severity: 'warning',
  title: 'A trusted bundled root has expired',
  fixable: true,
  needs: ['bundledRoots'],
  check(config, context) {
    const roots = context.bundledRoots ?? [];
    const now = context.now?.getTime();
    return bundledRefs(config).flatMap(({ profile, p, k, name }): RuleFinding[] => {
      const root = roots.find((r) => sameName(r.name, name));
      if (!root || root.available === false) return [];
      const expired = now !== undefined && root.notAfter ? Date.parse(root.notAfter) < now : root.expired;
      if (!expired) return [];
      return [
        {
          path: ['tlsProfiles', p, 'trustedCas', k],
          message: `TLS profile "${profile.name}" trusts "${root.name}", which expired${root.notAfter ? ` on ${root.notAfter.slice(0, 10)}` : ''}: no chain verifies up to it any more, so peers whose certificates still chain to it are refused${sameName(root.name, BALTIMORE) ? ` (Microsoft moved to ${DIGICERT_G2})` : ''}.`,
          fix: makeFix(`Stop trusting the expired root "${root.name}"`, (draft) => {
            draft.tlsProfiles[p]!.trustedCas.splice(k, 1);
          }),
        },
      ];
    });
  },
};

export const bundledRootUnknown: LintRule = {
  id: 'bundled-root-unknown',
  severity: 'error',
  title: 'A trusted bundled root is not in the bundle',
  fixable: false,
  needs: ['bundledRoots'],
  check(config, context) {
    const roots = context.bundledRoots ?? [];
    return bundledRefs(config).flatMap(({ profile, p, k, name }): RuleFinding[] => {
      const root = roots.find((r) => sameName(r.name, name));
      if (root && root.available !== false) return [];
      return [
        {
          path: ['tlsProfiles', p, 'trustedCas', k, 'name'],
          message: `TLS profile "${profile.name}" trusts the bundled root "${name}", which SBC Studio ${root ? 'lists but does not ship' : 'does not bundle'}: the engine cannot load it, so peers whose certificates chain to it are refused. Check the spelling or import the root under Certificates.`,
        },
      ];
    });
  },
};
