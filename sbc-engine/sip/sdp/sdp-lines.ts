// Line-level checks that sdp-transform does not make: it skips lines it does not understand and
// never says why, so an SBC would forward a body that is not SDP at all. Grammar: RFC 8866 §5, §9
// (which obsoletes RFC 4566 with the same line syntax).

/** The a= values of one section: index 0 is the session level, index i + 1 is media i. */
export interface SdpSection {
  /** 1-based line of the section's first line (v= or m=). */
  line: number;
  attributes: string[];
}

export type SdpLinesResult =
  { ok: true; lines: string[]; sections: SdpSection[] } | { ok: false; error: string };

// RFC 8866 §5: the only type letters; "a parser MUST completely ignore or reject" an SDP with others.
const KNOWN_TYPES = new Set(['v', 'o', 's', 'i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k', 'a', 'm']);
// RFC 8866 §5: these appear before the first m= line only.
const SESSION_ONLY = new Set(['v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z']);
// RFC 8866 §5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
const ORIGIN = /^\S+ \d+ \d+ \S+ IP[46] \S+$/;
// RFC 8866 §5.7: c=<nettype> <addrtype> <connection-address>
const CONNECTION = /^IN IP[46] \S+$/;
// RFC 8866 §5.9: t=<start-time> <stop-time>
const TIMING = /^\d+ \d+$/;
// RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
const MEDIA = /^(\w+) (\d+)(\/\d+)? ([\w/]+)((?: \S+)+)$/;
// RFC 8866 §6.6 and §6.15. Checked here because sdp-transform reads "a=rtpmap: PCMA/8000" as
// payload type 0 and would write it back as a valid-looking, wrong mapping.
const RTPMAP = /^rtpmap:(\d{1,3}) [\w.-]+\/\d+(?:\/\S+)?$/;
const FMTP = /^fmtp:(\d{1,3}) \S/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function show(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

function fail(line: number, text: string, reason: string): { ok: false; error: string } {
  return { ok: false, error: `line ${line} ${show(text)}: ${reason}` };
}

/** Checks the characters and the <type>=<value> shape of every line; returns them without the
 *  trailing empty line(s) that SIP bodies often carry. */
function splitLines(text: string): { ok: true; lines: string[] } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'SDP is empty' };
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    // RFC 8866 §9: text fields exclude NUL, CR and LF; a NUL means a binary body.
    if (line.includes('\0')) return fail(n, line, 'contains a NUL byte; this is not SDP text');
    // U+FFFD is what a lenient decoder leaves for bytes that were not UTF-8, SDP's default charset.
    if (line.includes('\uFFFD')) return fail(n, line, 'contains bytes that are not valid UTF-8 (U+FFFD)');
    if (LONE_SURROGATE.test(line)) return fail(n, line, 'contains a lone UTF-16 surrogate (not valid UTF-8)');
    // RFC 8866 §5.1: v=0 comes first; anything else is some other kind of body.
    if (index === 0 && line !== 'v=0') return fail(1, line, 'the first line must be "v=0" (RFC 8866 §5.1)');
    if (line === '') return fail(n, line, 'is empty; SDP has no blank lines (RFC 8866 §5)');
    const match = /^([a-z])=/.exec(line);
    if (!match) return fail(n, line, 'is not <type>=<value> with a lower-case type letter (RFC 8866 §5)');
    if (!KNOWN_TYPES.has(match[1]!)) return fail(n, line, `unknown type "${match[1]}=" (RFC 8866 §5)`);
  }
  return { ok: true, lines };
}

function checkAttribute(n: number, line: string): { ok: false; error: string } | undefined {
  const value = line.slice(2);
  if (value.startsWith('rtpmap:')) {
    const match = RTPMAP.exec(value);
    if (!match || Number(match[1]) > 127) {
      return fail(n, line, 'bad a=rtpmap; expected "a=rtpmap:<0-127> <encoding>/<clock rate>[/<channels>]"');
    }
  }
  if (value.startsWith('fmtp:') && !FMTP.test(value)) {
    return fail(n, line, 'bad a=fmtp; expected "a=fmtp:<payload type> <parameters>"');
  }
  return undefined;
}

function checkMediaLine(n: number, line: string): { ok: false; error: string } | undefined {
  const match = MEDIA.exec(line.slice(2));
  if (!match) {
    return fail(n, line, 'bad m= line; expected "m=<media> <port> <proto> <fmt> ..." (RFC 8866 §5.14)');
  }
  if (Number(match[2]) > 65535) return fail(n, line, `m= port ${match[2]} is out of range (0-65535)`);
  // sdp-transform cannot represent "<port>/<number of ports>" (hierarchical multicast), so refuse it.
  if (match[3]) return fail(n, line, 'm= port with a port count ("port/n") is not supported');
  return undefined;
}

/** RFC 8866 §5: v= first, then exactly one o= and s=, one t= (more than one is not supported:
 *  sdp-transform keeps only the last), and c= at session level or in every media section (§5.7). */
export function checkSdpLines(text: string): SdpLinesResult {
  const split = splitLines(text);
  if (!split.ok) return split;
  const { lines } = split;

  const sections: SdpSection[] = [{ line: 1, attributes: [] }];
  const counts: Record<string, number> = {};
  let sessionConnection = false;
  const mediaConnection: boolean[] = [];
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    const type = line[0]!;
    const value = line.slice(2);
    const inMedia = sections.length > 1;
    if (type === 'm') {
      const bad = checkMediaLine(n, line);
      if (bad) return bad;
      sections.push({ line: n, attributes: [] });
      mediaConnection.push(false);
      continue;
    }
    if (type === 'a') {
      const bad = checkAttribute(n, line);
      if (bad) return bad;
      sections[sections.length - 1]!.attributes.push(value);
      continue;
    }
    if (type === 'c') {
      if (!CONNECTION.test(value)) return fail(n, line, 'bad c= line; expected "c=IN IP4|IP6 <address>"');
      if (inMedia) mediaConnection[mediaConnection.length - 1] = true;
      else sessionConnection = true;
      continue;
    }
    if (inMedia && SESSION_ONLY.has(type)) {
      return fail(n, line, `"${type}=" belongs to the session level, before the first m= line`);
    }
    counts[type] = (counts[type] ?? 0) + 1;
    if (type === 'v' && n !== 1) return fail(n, line, 'a second v= line');
    if (type === 'o' && !ORIGIN.test(value)) {
      return fail(n, line, 'bad o= line; expected "o=<user> <sess-id> <sess-version> IN IP4|IP6 <address>"');
    }
    if (type === 't' && !TIMING.test(value)) return fail(n, line, 'bad t= line; expected "t=<start> <stop>"');
  }

  for (const type of ['o', 's', 't']) {
    const count = counts[type] ?? 0;
    if (count === 0) return { ok: false, error: `missing ${type}= line at session level (RFC 8866 §5)` };
    if (count > 1) return { ok: false, error: `${count} ${type}= lines at session level; expected one` };
  }
  if (!sessionConnection) {
    const bare = mediaConnection.indexOf(false);
    if (bare >= 0) {
      const section = sections[bare + 1]!;
      return fail(
        section.line,
        lines[section.line - 1]!,
        `media ${bare} has no c= line and the session has none (RFC 8866 §5.7)`,
      );
    }
  }
  return { ok: true, lines, sections };
}
