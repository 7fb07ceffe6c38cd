// SDP bodies (RFC 8866) for the SBC: sdp-transform does the parsing and writing; this wrapper
// refuses what is not SDP, with the line and the reason, and repairs what sdp-transform loses.
import { parse, write } from 'sdp-transform';
import { cloneSdp } from './attributes.ts';
import { repairParsed } from './repair.ts';
import { checkSdpLines } from './sdp-lines.ts';
import type { Sdp, SdpResult } from './types.ts';

export type { MediaDescription, SessionDescription, Sdp, SdpMedia, SdpResult } from './types.ts';

/** Parses an SDP body. Never throws: anything that is not SDP comes back as `{ ok: false }`. */
export function parseSdp(text: string): SdpResult {
  if (typeof text !== 'string') return { ok: false, error: 'SDP must be text' };
  const checked = checkSdpLines(text);
  if (!checked.ok) return checked;
  try {
    const parsed = parse(checked.lines.join('\r\n'));
    return { ok: true, value: repairParsed(parsed, checked.sections) };
  } catch (error) {
    // sdp-transform is regex based and not known to throw; stay total anyway.
    return {
      ok: false,
      error: `SDP could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Writes SDP with CRLF line ends (RFC 8866 §5). The input is not modified (sdp-transform's writer
 *  fills in defaults on the object it is given, so it gets a copy). */
export function serializeSdp(sdp: Sdp): string {
  const lines = write(cloneSdp(sdp)).split('\r\n');
  // sdp-transform writes sess-version and the times with %d, which turns a 64-bit value such as
  // 18446744073709551615 into 18446744073709552000; RFC 3264 §8 needs sess-version exact.
  const { origin, timing } = sdp;
  const o = lines.findIndex((line) => line.startsWith('o='));
  if (o >= 0 && origin) {
    lines[o] =
      `o=${origin.username} ${origin.sessionId} ${origin.sessionVersion} ${origin.netType} ` +
      `IP${origin.ipVer} ${origin.address}`;
  }
  const t = lines.findIndex((line) => line.startsWith('t='));
  if (t >= 0 && timing) lines[t] = `t=${timing.start} ${timing.stop}`;
  return lines.join('\r\n');
}
