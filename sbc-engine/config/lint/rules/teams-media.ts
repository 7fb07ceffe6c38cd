// Microsoft Teams Direct Routing: media, firewall ranges and numbers (providers.md).
import { canonicalCidr } from '../../schema/ip-address.ts';
import { makeFix } from '../edit.ts';
import { connectionsOfKind, isCommercialTeams, literalPrefix, routeLegs } from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

export const teamsSrtpRequired: LintRule = {
  id: 'teams-srtp-required',
  severity: 'error',
  title: 'Media toward Teams must be SRTP',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) =>
      item.mediaPolicy === 'srtp-required'
        ? []
        : [
            {
              path: ['connections', index, 'mediaPolicy'],
              message: `Media toward "${item.name}" is "${item.mediaPolicy}": Teams accepts only SRTP with SDES keys (RTP/SAVP), so a plain RTP offer gets 488 Not Acceptable Here and the call fails.`,
              fix: makeFix('Require SRTP toward Teams', (draft) => {
                draft.connections[index]!.mediaPolicy = 'srtp-required';
              }),
            },
          ],
    );
  },
};

const TEAMS_SUITE = 'AES_CM_128_HMAC_SHA1_80' as const;

export const teamsSrtpSuite: LintRule = {
  id: 'teams-srtp-suite',
  severity: 'error',
  title: 'SRTP toward Teams must offer AES_CM_128_HMAC_SHA1_80',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) => {
      const offered = item.sdp.cryptoOffer ?? config.media.srtpSuites;
      if (offered.includes(TEAMS_SUITE)) return [];
      return [
        {
          path:
            item.sdp.cryptoOffer !== null
              ? ['connections', index, 'sdp', 'cryptoOffer']
              : ['media', 'srtpSuites'],
          message: `The SRTP offer toward "${item.name}" (${offered.join(', ')}) lacks ${TEAMS_SUITE}, the suite Teams requires: Teams answers 488 Not Acceptable Here.`,
          fix: makeFix(`Offer ${TEAMS_SUITE} first toward "${item.name}"`, (draft) => {
            const sdp = draft.connections[index]!.sdp;
            sdp.cryptoOffer = [TEAMS_SUITE, ...offered].slice(0, 4);
          }),
        },
      ];
    });
  },
};

// providers.md: the two /14s are current; the single addresses of 2019-2021 are outdated.
const TEAMS_RANGES = ['52.112.0.0/14', '52.120.0.0/14'];
const OLD_TEAMS_ADDRESSES = new Set([
  '52.114.148.0',
  '52.114.132.46',
  '52.114.75.24',
  '52.114.76.76',
  '52.114.7.24',
  '52.114.14.70',
  '52.114.16.74',
  '52.114.20.29',
]);

export const teamsFirewallRanges: LintRule = {
  id: 'teams-firewall-ranges',
  severity: 'warning',
  title: 'Allowed sources for Teams are not 52.112.0.0/14 and 52.120.0.0/14',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    for (const { item, index } of connectionsOfKind(config, 'teams')) {
      if (!isCommercialTeams(item)) continue;
      const sources = item.allowedSources.map(canonicalCidr);
      const missing = TEAMS_RANGES.filter((range) => !sources.includes(range));
      const old = item.allowedSources.filter((cidr) => OLD_TEAMS_ADDRESSES.has(cidr.replace(/\/32$/, '')));
      if (!missing.length && !old.length) continue;
      const what = !item.allowedSources.length
        ? 'accepts requests only from the addresses its targets resolve to'
        : old.length
          ? `lists the outdated single addresses ${old.join(', ')}`
          : `lacks ${missing.join(' and ')}`;
      findings.push({
        path: ['connections', index, 'allowedSources'],
        message: `"${item.name}" ${what}: Microsoft sends calls and OPTIONS from anywhere in 52.112.0.0/14 and 52.120.0.0/14, so requests from other proxies are dropped and calls from Teams fail at random.`,
        fix: makeFix('Allow 52.112.0.0/14 and 52.120.0.0/14', (draft) => {
          draft.connections[index]!.allowedSources = [...TEAMS_RANGES];
        }),
      });
    }
    return findings;
  },
};

export const teamsE164Called: LintRule = {
  id: 'teams-e164-called',
  severity: 'warning',
  title: 'Numbers sent to Teams should be E.164 with +',
  fixable: false,
  check(config) {
    const findings: RuleFinding[] = [];
    const toTeams = new Set(
      routeLegs(config)
        .filter(({ to }) => connectionsOfKind(config, 'teams').some(({ index }) => index === to))
        .map(({ route }) => route),
    );
    for (const r of toTeams) {
      const route = config.routes[r]!;
      const replace = route.called?.replace;
      if (replace === undefined) continue;
      const prefix = literalPrefix(replace);
      if (prefix === '' || prefix.startsWith('+')) continue;
      findings.push({
        path: ['routes', r, 'called', 'replace'],
        message: `Route "${route.id}" sends Teams a called number starting "${prefix}": Teams looks users up by their E.164 number with "+" (e.g. +4930123456), so the call finds nobody and fails with 404 unless tenant rules translate it.`,
      });
    }
    return findings;
  },
};
