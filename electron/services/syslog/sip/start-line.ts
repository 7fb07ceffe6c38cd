// Finding a SIP message inside a log line: the first request line (RFC 3261 §7.1) or status line
// (§7.2), wherever the vendor's prefix ends. A start line may follow a space, a colon, '>', ']',
// a real line break, or an escaped one glued to it ('#012SIP/2.0 200 OK').

export interface StartLine {
  /** Offset of the start line's first character. */
  index: number;
  kind: 'request' | 'response';
  method?: string;
  status?: number;
}

// The method is a token; uppercase letters cover every method in use and keep prose such as
// "Trying sip:..." from matching. The lookbehind lists what may stand right before a start line.
const START =
  /(?<=^|[\s:>\]\-|(]|#01[25]|\\n|\\r|\^M|\^J)(?:([A-Z][A-Z_-]{1,31}) [A-Za-z][A-Za-z0-9+.-]*:\S+ SIP\/2\.0(?=$|[\s#\\^])|SIP\/2\.0 ([1-6]\d\d)(?=$|[ \t#\\^\r\n]))/m;

export function findStartLine(text: string, from = 0): StartLine | undefined {
  const slice = from > 0 ? text.slice(from) : text;
  const match = START.exec(slice);
  if (!match) return undefined;
  const index = match.index + from;
  if (match[1]) return { index, kind: 'request', method: match[1] };
  return { index, kind: 'response', status: Number(match[2]) };
}
