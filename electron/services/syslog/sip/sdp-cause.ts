// Why a peer may have answered an offer with 488 Not Acceptable Here (RFC 3261 §21.4.26): the
// usual suspects in SBC work, read from the offer and, when the 488 carries one, from the SDP the
// peer would accept. Office 365 Exchange UM refuses ICE and RTCP multiplexing and wants
// authenticated SRTP (seeds 000 and 002); other peers refuse RTP/AVP against RTP/SAVP and back.
// Line scanning, not a full SDP parse: a body in a log may be cut short.
import { splitLines } from './line-breaks.ts';

export type SdpCauseCode = 'ice' | 'rtcp-mux' | 'unauthenticated-srtp' | 'rtp-profile-mismatch';

export interface SdpCause {
  code: SdpCauseCode;
  /** One sentence for the admin. */
  text: string;
}

interface SdpFacts {
  ice: boolean;
  rtcpMux: boolean;
  unauthenticatedSrtp: boolean;
  crypto: boolean;
  /** Transport protocol of each m= line, in order ("RTP/AVP", "RTP/SAVP" …). */
  protos: string[];
}

function facts(sdp: string): SdpFacts {
  const out: SdpFacts = { ice: false, rtcpMux: false, unauthenticatedSrtp: false, crypto: false, protos: [] };
  for (const raw of splitLines(sdp)) {
    const line = raw.trim();
    if (/^a=(ice-ufrag|ice-pwd|candidate|ice-options):/i.test(line)) out.ice = true;
    else if (/^a=rtcp-mux\b/i.test(line)) out.rtcpMux = true;
    else if (/^a=crypto:/i.test(line)) {
      out.crypto = true;
      if (/\bUNAUTHENTICATED_SRTP\b/.test(line)) out.unauthenticatedSrtp = true;
    } else {
      const media = /^m=\S+ \d+(?:\/\d+)? (\S+)/.exec(line);
      if (media) out.protos.push(media[1]!.toUpperCase());
    }
  }
  return out;
}

function isSecure(proto: string): boolean {
  return /SAVP/.test(proto);
}

/** True when the text looks like SDP (a v= line or an m= line). */
export function looksLikeSdp(body: string | undefined): body is string {
  return body !== undefined && /(^|\n)\s*(v=0|m=\S+ \d+)/.test(body);
}

/**
 * Likely causes of a 488 for this offer. `answer` is SDP carried by the 488 itself, if any;
 * `towardUm` is true when the request went to Exchange UM (*.um.outlook.com).
 */
export function guessSdpCauses(offer: string, answer?: string, towardUm = false): SdpCause[] {
  const o = facts(offer);
  const causes: SdpCause[] = [];
  const peer = towardUm ? 'Exchange UM' : 'the peer';
  if (o.ice)
    causes.push({
      code: 'ice',
      text: `The offer carries ICE attributes; ${peer} may refuse ICE (strip them on this trunk).`,
    });
  if (o.rtcpMux)
    causes.push({
      code: 'rtcp-mux',
      text: `The offer asks for RTCP multiplexing (a=rtcp-mux); ${peer} may not accept it (remove it on this trunk).`,
    });
  if (o.unauthenticatedSrtp)
    causes.push({
      code: 'unauthenticated-srtp',
      text: `The SRTP key (a=crypto) is marked UNAUTHENTICATED_SRTP; ${peer} wants authenticated SRTP.`,
    });
  const a = answer ? facts(answer) : undefined;
  const offered = o.protos[0];
  const accepted = a?.protos[0];
  if (offered && accepted && isSecure(offered) !== isSecure(accepted)) {
    causes.push({
      code: 'rtp-profile-mismatch',
      text: `The offer uses ${offered} but ${peer} answers with ${accepted}: plain RTP and SRTP do not meet.`,
    });
  } else if (offered && !isSecure(offered) && o.crypto) {
    causes.push({
      code: 'rtp-profile-mismatch',
      text: `The offer sends SRTP keys in an ${offered} media line; peers that require RTP/SAVP refuse it.`,
    });
  } else if (offered && !isSecure(offered) && towardUm) {
    causes.push({
      code: 'rtp-profile-mismatch',
      text: `The offer uses plain ${offered}; Exchange UM requires SRTP (RTP/SAVP).`,
    });
  }
  return causes;
}
