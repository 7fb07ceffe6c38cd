// Deutsche Telekom DeutschlandLAN SIP-Trunk (1TR118) and CompanyFlex (1TR119). Telekom's own
// specifications were not readable; these follow the second-hand facts in providers.md.
import { makeFix } from '../edit.ts';
import {
  connectionsOfKind,
  hasTlsTarget,
  isCompanyFlex,
  isIpAddress,
  literalPrefix,
  routeLegs,
} from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

export const telekomProxyByName: LintRule = {
  id: 'telekom-proxy-by-name',
  severity: 'error',
  title: "Telekom's outbound proxy must be a name, not an address",
  fixable: false,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) =>
      item.targets.flatMap((target, k) =>
        isIpAddress(target.host)
          ? [
              {
                path: ['connections', index, 'targets', k, 'host'],
                message: `"${item.name}" sends to the address ${target.host}: Telekom's outbound proxy is located by DNS (NAPTR, SRV, then A) and its addresses change; a pinned address breaks registration and calls the day Telekom moves it.`,
              },
            ]
          : [],
      ),
    );
  },
};

export const telekomProxySrv: LintRule = {
  id: 'telekom-proxy-srv',
  severity: 'warning',
  title: "Telekom's outbound proxy should be found by NAPTR/SRV, not a fixed port",
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) =>
      item.targets.flatMap((target, k) =>
        target.port !== null && !isIpAddress(target.host)
          ? [
              {
                path: ['connections', index, 'targets', k, 'port'],
                message: `"${item.name}" sends to ${target.host} on the fixed port ${target.port}: Telekom publishes its proxies in DNS NAPTR and SRV records (RFC 3263), and a fixed port skips them, so failover to Telekom's other proxies does not happen.`,
                fix: makeFix('Find the port by DNS NAPTR/SRV', (draft) => {
                  draft.connections[index]!.targets[k]!.port = null;
                }),
              },
            ]
          : [],
      ),
    );
  },
};

const NUMBER = /^\+?\d{5,}$/;

export const telekomUserAuthSwapped: LintRule = {
  id: 'telekom-user-auth-swapped',
  severity: 'error',
  title: 'Telekom registration user and auth user are swapped',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) => {
      const registration = item.registration;
      if (!registration || registration.authUser === null) return [];
      const userIsNumber = NUMBER.test(registration.user);
      const authIsNumber = NUMBER.test(registration.authUser);
      if (userIsNumber || !authIsNumber) return [];
      return [
        {
          path: ['connections', index, 'registration', 'user'],
          message: `"${item.name}" registers as "${registration.user}" with the auth user "${registration.authUser}": for Telekom the user is the registration number (+49…) and the auth user the telephony user name from the activation letter. Swapped, the REGISTER is refused with 403 and the trunk stays down.`,
          fix: makeFix('Swap user and auth user', (draft) => {
            const r = draft.connections[index]!.registration!;
            [r.user, r.authUser] = [r.authUser!, r.user];
          }),
        },
      ];
    });
  },
};

/** "030123456" → "+4930123456"; "004930…" and "4930…" likewise; null when no German form is recognised. */
function germanE164(user: string): string | null {
  if (/^0049[1-9]\d+$/.test(user)) return `+${user.slice(2)}`;
  if (/^49[1-9]\d+$/.test(user)) return `+${user}`;
  if (/^0[1-9]\d+$/.test(user)) return `+49${user.slice(1)}`;
  return null;
}

export const telekomUserE164: LintRule = {
  id: 'telekom-user-e164',
  severity: 'warning',
  title: 'Telekom registration number not in +49 form',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) => {
      const user = item.registration?.user;
      const e164 = user === undefined ? null : germanE164(user);
      if (e164 === null) return [];
      return [
        {
          path: ['connections', index, 'registration', 'user'],
          message: `"${item.name}" registers as ${user}: Telekom expects the registration number in E.164 form (${e164}); otherwise the REGISTER is refused and the trunk stays down.`,
          fix: makeFix(`Register as ${e164}`, (draft) => {
            draft.connections[index]!.registration!.user = e164;
          }),
        },
      ];
    });
  },
};

export const telekomTlsWithSrtp: LintRule = {
  id: 'telekom-tls-with-srtp',
  severity: 'error',
  title: 'Telekom over TLS needs SRTP',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) =>
      hasTlsTarget(item) && item.mediaPolicy !== 'srtp-required'
        ? [
            {
              path: ['connections', index, 'mediaPolicy'],
              message: `"${item.name}" signals over TLS but media is "${item.mediaPolicy}": Telekom uses TLS and SRTP (SDES) together and refuses a plain RTP offer on a TLS trunk with 488, so calls fail.`,
              fix: makeFix('Require SRTP toward Telekom', (draft) => {
                draft.connections[index]!.mediaPolicy = 'srtp-required';
              }),
            },
          ]
        : [],
    );
  },
};

export const companyflexTls: LintRule = {
  id: 'companyflex-tls',
  severity: 'warning',
  title: 'CompanyFlex should use TLS (with SRTP)',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom')
      .filter(({ item }) => isCompanyFlex(item))
      .flatMap(({ item, index }): RuleFinding[] => {
        const k = item.targets.findIndex((target) => target.transport !== 'tls');
        if (k < 0) return [];
        return [
          {
            path: ['connections', index, 'targets', k, 'transport'],
            message: `"${item.name}" reaches CompanyFlex over ${item.targets[k]!.transport.toUpperCase()}: on any internet access other than Telekom's own, CompanyFlex accepts only TLS 1.2 with SRTP, so registration fails.`,
            ...(item.tlsProfile !== null
              ? {
                  fix: makeFix('Use TLS (port by DNS) and SRTP', (draft) => {
                    const connection = draft.connections[index]!;
                    for (const target of connection.targets) {
                      target.transport = 'tls';
                      target.port = null;
                    }
                    connection.mediaPolicy = 'srtp-required';
                  }),
                }
              : {}),
          },
        ];
      });
  },
};

export const telekomNoT38Encrypted: LintRule = {
  id: 'telekom-no-t38-encrypted',
  severity: 'warning',
  title: 'No T.38 on an encrypted Telekom trunk',
  fixable: true,
  check(config) {
    if (config.media.t38 !== 'pass') return [];
    const encrypted = connectionsOfKind(config, 'telekom').find(
      ({ item }) => item.mediaPolicy === 'srtp-required',
    );
    if (!encrypted) return [];
    return [
      {
        path: ['media', 't38'],
        message: `"${encrypted.item.name}" is encrypted (SRTP) and T.38 re-INVITEs are passed on: with encryption Telekom carries fax only as G.711 (T.30), so a switch to T.38 fails and the fax drops mid-page. Refuse T.38 so faxes stay on G.711.`,
        fix: makeFix('Refuse T.38 (engine-wide)', (draft) => {
          draft.media.t38 = 'refuse';
        }),
      },
    ];
  },
};

export const telekomIdentityHeader: LintRule = {
  id: 'telekom-identity-header',
  severity: 'warning',
  title: 'Telekom expects the calling number in P-Preferred-Identity',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'telekom').flatMap(({ item, index }) =>
      ['p-preferred-identity', 'p-asserted-identity'].includes(item.headers.identity)
        ? []
        : [
            {
              path: ['connections', index, 'headers', 'identity'],
              message: `Toward "${item.name}" the identity header is "${item.headers.identity}": Telekom takes the calling number from P-Preferred-Identity (E.164, from the trunk's number block) and otherwise shows the trunk's main number or rejects the call.`,
              fix: makeFix('Send P-Preferred-Identity', (draft) => {
                draft.connections[index]!.headers.identity = 'p-preferred-identity';
              }),
            },
          ],
    );
  },
};

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

export const telekomCallingFromBlock: LintRule = {
  id: 'telekom-calling-from-block',
  severity: 'warning',
  title: "Calling numbers toward Telekom must come from the trunk's block in +49 form",
  fixable: false,
  check(config) {
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    for (const { route, to } of routeLegs(config)) {
      const trunk = config.connections[to]!;
      const block = trunk.numberBlock;
      const replace = config.routes[route]!.calling?.replace;
      if (seen.has(route) || !block || replace === undefined) continue;
      if (!connectionsOfKind(config, 'telekom').some(({ index }) => index === to)) continue;
      const prefix = literalPrefix(replace);
      const blockPrefix = commonPrefix(block.first, block.last);
      const fits = prefix.startsWith('+')
        ? prefix.startsWith(blockPrefix) || blockPrefix.startsWith(prefix)
        : prefix === '';
      if (fits) continue;
      seen.add(route);
      findings.push({
        path: ['routes', route, 'calling', 'replace'],
        message: `Route "${config.routes[route]!.id}" sends "${trunk.name}" calling numbers starting "${prefix}", outside the trunk's block ${block.first}–${block.last}: Telekom rejects such calls or replaces the number with the trunk's main number.`,
      });
    }
    return findings;
  },
};

export const telekomG711a: LintRule = {
  id: 'telekom-g711a',
  severity: 'warning',
  title: 'G.711 A-law must be offered toward Telekom',
  fixable: true,
  check(config) {
    const telekom = connectionsOfKind(config, 'telekom')[0];
    if (!telekom || config.media.codecs.some((codec) => codec.toUpperCase() === 'PCMA')) return [];
    return [
      {
        path: ['media', 'codecs'],
        message: `The codec list (${config.media.codecs.join(', ')}) lacks PCMA: G.711 A-law is Telekom's baseline codec, and calls with no codec in common fail with 488 Not Acceptable Here.`,
        ...(config.media.codecs.length < 32
          ? {
              fix: makeFix('Allow PCMA (G.711 A-law)', (draft) => {
                draft.media.codecs.push('PCMA');
              }),
            }
          : {}),
      },
    ];
  },
};

export const telekomSipAlg: LintRule = {
  id: 'telekom-sip-alg',
  severity: 'info',
  title: 'Reminder: SIP-ALG off on the access router',
  fixable: false,
  check(config) {
    const telekom = connectionsOfKind(config, 'telekom')[0];
    if (!telekom) return [];
    return [
      {
        path: ['connections', telekom.index],
        message: `For "${telekom.item.name}": switch SIP-ALG off on the access router and do not register the same trunk on the router as well; otherwise the router rewrites or steals the registration, and calls fail or arrive at the router instead of the SBC.`,
      },
    ];
  },
};
