// Office 365 Exchange Online UM (legacy): what UM refused with 488 or 403 (seeds 000, 001, 002).
import { makeFix } from '../edit.ts';
import { connectionsOfKind } from '../peers.ts';
import type { LintRule } from '../types.ts';

export const umLegacy: LintRule = {
  id: 'um-legacy',
  severity: 'warning',
  title: 'Exchange Online UM was retired',
  fixable: false,
  check(config) {
    return connectionsOfKind(config, 'exchange-um').map(({ item, index }) => ({
      path: ['connections', index],
      message: `"${item.name}" points at Exchange Online Unified Messaging, which Microsoft retired on 2020-02-28 (third-party SBCs lost support in 2018): calls to it fail. Keep it only for labs.`,
    }));
  },
};

export const umToHost: LintRule = {
  id: 'um-to-host',
  severity: 'error',
  title: 'To host toward UM must be the forwarding address',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'exchange-um').flatMap(({ item, index }) => {
      const hosts = [...new Set(item.targets.map((target) => target.host.toLowerCase()))];
      const toHost = item.headers.toHost?.toLowerCase() ?? null;
      if (toHost !== null && hosts.includes(toHost)) return [];
      const only = hosts.length === 1 ? hosts[0]! : undefined;
      return [
        {
          path: ['connections', index, 'headers', 'toHost'],
          message: `The To host toward "${item.name}" is ${toHost ?? 'left as it arrives'}: UM answers 488 Not Acceptable Here unless To names the gateway's forwarding address (<guid>.um.outlook.com).`,
          ...(only
            ? {
                fix: makeFix(`Set the To host to ${only}`, (draft) => {
                  draft.connections[index]!.headers.toHost = only;
                }),
              }
            : {}),
        },
      ];
    });
  },
};

export const umSrtpRequired: LintRule = {
  id: 'um-srtp-required',
  severity: 'error',
  title: 'Media toward UM must be SRTP',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'exchange-um').flatMap(({ item, index }) =>
      item.mediaPolicy === 'srtp-required'
        ? []
        : [
            {
              path: ['connections', index, 'mediaPolicy'],
              message: `Media toward "${item.name}" is "${item.mediaPolicy}": UM answers an offer without SRTP with 488 Not Acceptable Here.`,
              fix: makeFix('Require SRTP toward UM', (draft) => {
                draft.connections[index]!.mediaPolicy = 'srtp-required';
              }),
            },
          ],
    );
  },
};

export const umNoIce: LintRule = {
  id: 'um-no-ice',
  severity: 'error',
  title: 'No ICE attributes toward UM',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'exchange-um').flatMap(({ item, index }) =>
      item.sdp.stripIce
        ? []
        : [
            {
              path: ['connections', index, 'sdp', 'stripIce'],
              message: `ICE attributes are passed on to "${item.name}": UM answers any INVITE carrying ICE with 488 Not Acceptable Here.`,
              fix: makeFix('Strip ICE toward UM', (draft) => {
                draft.connections[index]!.sdp.stripIce = true;
              }),
            },
          ],
    );
  },
};

export const umNoRtcpMux: LintRule = {
  id: 'um-no-rtcp-mux',
  severity: 'error',
  title: 'No rtcp-mux toward UM',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'exchange-um').flatMap(({ item, index }) =>
      item.sdp.stripRtcpMux
        ? []
        : [
            {
              path: ['connections', index, 'sdp', 'stripRtcpMux'],
              message: `a=rtcp-mux is passed on to "${item.name}": UM answers an INVITE offering RTCP multiplexing with 488 Not Acceptable Here.`,
              fix: makeFix('Strip rtcp-mux toward UM', (draft) => {
                draft.connections[index]!.sdp.stripRtcpMux = true;
              }),
            },
          ],
    );
  },
};

export const umAuthenticatedSrtp: LintRule = {
  id: 'um-authenticated-srtp',
  severity: 'error',
  title: 'SRTP toward UM must be authenticated',
  fixable: true,
  check(config) {
    const um = connectionsOfKind(config, 'exchange-um')[0];
    if (!um || config.media.authenticatedSrtp) return [];
    return [
      {
        path: ['media', 'authenticatedSrtp'],
        message: `SRTP may be offered with UNAUTHENTICATED_SRTP in a=crypto, and Exchange UM ("${um.item.name}") answers such an offer with 488 Not Acceptable Here.`,
        fix: makeFix('Authenticate SRTP', (draft) => {
          draft.media.authenticatedSrtp = true;
        }),
      },
    ];
  },
};
