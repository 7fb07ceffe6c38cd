// A strict RFC 5424 §6 parser for tests: it reads what the engine's formatter writes back into
// fields, so a test can check a message field by field and a fuzz run can check round trips. It
// follows the ABNF, not the formatter's code, and throws with the byte position on anything else.

export interface ParsedSyslog {
  pri: number;
  facility: number;
  severity: number;
  version: number;
  /** null for NILVALUE, as for the other header fields. */
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  /** SD-ID → params in order; an empty array for NILVALUE. */
  structuredData: { id: string; params: [string, string][] }[];
  /** MSG as UTF-8 text; undefined when the message ends after STRUCTURED-DATA. */
  msg?: string;
}

const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,6})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isPrintUsAscii(code: number): boolean {
  return code >= 33 && code <= 126;
}

function isSdNameChar(code: number): boolean {
  return isPrintUsAscii(code) && code !== 0x3d && code !== 0x5d && code !== 0x22 && code !== 0x20;
}

export function parseRfc5424(input: Uint8Array | string): ParsedSyslog {
  // MSG and PARAM-VALUE must be UTF-8 (§6.3.3, §6.4): a fatal decoder refuses anything else.
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
  };
  const expect = (char: string, what: string) => {
    if (text[at] !== char) fail(`expected ${what}`);
    at++;
  };
  const token = (max: number, what: string): string | null => {
    const start = at;
    while (at < text.length && isPrintUsAscii(text.charCodeAt(at))) at++;
    const value = text.slice(start, at);
    if (value.length < 1 || value.length > max) fail(`${what} of ${value.length} characters`);
    return value === '-' ? null : value;
  };

  expect('<', 'PRI');
  const priMatch = /^(0|[1-9]\d{0,2})>/.exec(text.slice(at, at + 4));
  if (!priMatch) fail('PRIVAL');
  const pri = Number(priMatch![1]);
  if (pri > 191) fail(`PRIVAL ${pri} over 191`);
  at += priMatch![0].length;
  const versionMatch = /^[1-9]\d{0,2}/.exec(text.slice(at, at + 3));
  if (!versionMatch) fail('VERSION');
  at += versionMatch![0].length;
  expect(' ', 'SP after VERSION');
  const timestamp = token(32, 'TIMESTAMP');
  if (timestamp !== null && !TIMESTAMP.test(timestamp)) fail(`TIMESTAMP "${timestamp}"`);
  expect(' ', 'SP after TIMESTAMP');
  const hostname = token(255, 'HOSTNAME');
  expect(' ', 'SP after HOSTNAME');
  const appName = token(48, 'APP-NAME');
  expect(' ', 'SP after APP-NAME');
  const procId = token(128, 'PROCID');
  expect(' ', 'SP after PROCID');
  const msgId = token(32, 'MSGID');
  expect(' ', 'SP after MSGID');

  const structuredData: ParsedSyslog['structuredData'] = [];
  const sdName = (what: string): string => {
    const start = at;
    while (at < text.length && isSdNameChar(text.charCodeAt(at))) at++;
    const name = text.slice(start, at);
    if (name.length < 1 || name.length > 32) fail(`${what} of ${name.length} characters`);
    return name;
  };
  if (text[at] === '-') at++;
  else {
    if (text[at] !== '[') fail('expected STRUCTURED-DATA');
    while (text[at] === '[') {
      at++;
      const id = sdName('SD-ID');
      if (structuredData.some((element) => element.id === id)) fail(`SD-ID ${id} twice`);
      const params: [string, string][] = [];
      while (text[at] === ' ') {
        at++;
        const name = sdName('PARAM-NAME');
        expect('=', '"=" after PARAM-NAME');
        expect('"', 'opening quote of PARAM-VALUE');
        let value = '';
        for (;;) {
          if (at >= text.length) fail('unterminated PARAM-VALUE');
          const char = text[at]!;
          if (char === '"') break;
          if (char === ']') fail('unescaped "]" in PARAM-VALUE');
          if (char === '\\') {
            const next = text[at + 1];
            // §6.3.3: only these three are escapes; any other backslash is itself.
            if (next === '"' || next === '\\' || next === ']') {
              value += next;
              at += 2;
              continue;
            }
          }
          value += char;
          at++;
        }
        at++;
        params.push([name, value]);
      }
      expect(']', '"]" closing SD-ELEMENT');
      structuredData.push({ id, params });
    }
  }
  let msg: string | undefined;
  if (at < text.length) {
    expect(' ', 'SP before MSG');
    msg = text.slice(at);
  }
  return {
    pri,
    facility: pri >> 3,
    severity: pri & 7,
    version: Number(versionMatch![0]),
    timestamp,
    hostname,
    appName,
    procId,
    msgId,
    structuredData,
    ...(msg !== undefined ? { msg } : {}),
  };
}

/** The params of one SD element as an object, or undefined when the element is absent. */
export function sdParams(parsed: ParsedSyslog, id: string): Record<string, string> | undefined {
  const element = parsed.structuredData.find((e) => e.id === id);
  return element ? Object.fromEntries(element.params) : undefined;
}

/** Splits an RFC 6587 octet-counted TCP stream into messages; throws on a malformed frame. */
export function splitOctetCounted(stream: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let at = 0;
  while (at < stream.length) {
    const space = stream.indexOf(0x20, at);
    const digits = stream.subarray(at, space).toString('ascii');
    if (space < 0 || !/^[1-9]\d*$/.test(digits)) throw new Error(`bad MSG-LEN at byte ${at}`);
    const length = Number(digits);
    const end = space + 1 + length;
    if (end > stream.length) throw new Error(`frame at byte ${at} wants ${length} bytes, stream ends first`);
    frames.push(stream.subarray(space + 1, end));
    at = end;
  }
  return frames;
}
