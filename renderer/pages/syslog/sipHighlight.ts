// A SIP message split into parts to colour: the start line, header names and values, the SDP
// body's type letters and values. Pure, so the viewer and its test agree on what is what.

export type SipPart =
  | { kind: 'start'; text: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'sdp'; type: string; value: string }
  | { kind: 'body'; text: string }
  | { kind: 'blank' };

export function highlightSip(text: string): SipPart[] {
  const lines = text.split(/\r\n|\n/);
  const parts: SipPart[] = [];
  let inBody = false;
  lines.forEach((line, i) => {
    if (i === 0) return void parts.push({ kind: 'start', text: line });
    if (!inBody && line === '') {
      inBody = true;
      return void parts.push({ kind: 'blank' });
    }
    if (!inBody) {
      const colon = line.indexOf(':');
      if (colon > 0 && !/^\s/.test(line))
        return void parts.push({ kind: 'header', name: line.slice(0, colon), value: line.slice(colon + 1) });
      return void parts.push({ kind: 'body', text: line }); // a folded header line
    }
    const sdp = /^([a-z])=(.*)$/.exec(line);
    if (sdp) parts.push({ kind: 'sdp', type: sdp[1]!, value: sdp[2]! });
    else if (line !== '' || i < lines.length - 1)
      parts.push(line ? { kind: 'body', text: line } : { kind: 'blank' });
  });
  return parts;
}
