// RFC 5424 §6.3 STRUCTURED-DATA: SD-ELEMENTs of an SD-ID and its SD-PARAMs. Names are checked, not
// repaired: a bad name is a bug in the caller, and a receiver must never have to guess what we meant.

export class SyslogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyslogFormatError';
  }
}

/** A parameter value; undefined leaves the parameter out. */
export type SdValue = string | number | boolean | undefined;

export interface SdElement {
  id: string;
  /** In the order they are written; a name may appear once. */
  params: ReadonlyArray<readonly [string, SdValue]>;
}

/** SD-IDs without "@" are IANA's (RFC 5424 §7, §9.2); these are the registered ones. */
const IANA_SD_IDS = new Set(['timeQuality', 'origin', 'meta']);

/** §6.3.3: SD-NAME is 1 to 32 printable US-ASCII characters other than '=', SP, ']' and '"'. */
export function checkSdName(name: string, what: string): void {
  if (name.length < 1 || name.length > 32)
    throw new SyslogFormatError(`${what} "${name}" must be 1 to 32 characters long`);
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 33 || code > 126 || code === 0x3d || code === 0x5d || code === 0x22)
      throw new SyslogFormatError(
        `${what} "${name}" has a character not allowed in an SD-NAME at position ${i + 1}`,
      );
  }
}

/** §7.2.2: a private enterprise number, optionally with sub-identifiers ("32473.1.2"). */
export function checkEnterpriseNumber(pen: string): void {
  if (!/^\d+(\.\d+)*$/.test(pen))
    throw new SyslogFormatError(`enterprise number "${pen}" must be decimal digits, e.g. 32473 or 32473.1`);
}

/** §6.3.2 and §7.2.2: an IANA SD-ID, or NAME@PEN where NAME holds no "@". */
export function checkSdId(id: string): void {
  checkSdName(id, 'SD-ID');
  const at = id.indexOf('@');
  if (at < 0) {
    if (!IANA_SD_IDS.has(id))
      throw new SyslogFormatError(`SD-ID "${id}" is neither registered with IANA nor of the form name@PEN`);
    return;
  }
  if (at === 0) throw new SyslogFormatError(`SD-ID "${id}" has no name before "@"`);
  checkEnterpriseNumber(id.slice(at + 1));
}

/** The private SD-ID of our own elements. */
export function privateSdId(name: string, enterpriseNumber: string): string {
  const id = `${name}@${enterpriseNumber}`;
  checkSdId(id);
  return id;
}

/** §6.3.3: inside a PARAM-VALUE, '"', '\' and ']' are written with a backslash before them. */
export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (char) => `\\${char}`);
}

export function encodeSdElement(element: SdElement): string {
  checkSdId(element.id);
  const seen = new Set<string>();
  let out = `[${element.id}`;
  for (const [name, value] of element.params) {
    checkSdName(name, `PARAM-NAME in ${element.id}`);
    if (seen.has(name)) throw new SyslogFormatError(`PARAM-NAME "${name}" appears twice in ${element.id}`);
    seen.add(name);
    if (value === undefined) continue;
    out += ` ${name}="${escapeParamValue(String(value))}"`;
  }
  return out + ']';
}

/** The whole STRUCTURED-DATA field: NILVALUE when there are no elements. */
export function encodeStructuredData(elements: readonly SdElement[]): string {
  const ids = new Set<string>();
  for (const { id } of elements) {
    // §6.3.2: the same SD-ID must not appear twice in one message.
    if (ids.has(id)) throw new SyslogFormatError(`SD-ID "${id}" appears twice`);
    ids.add(id);
  }
  return elements.length ? elements.map(encodeSdElement).join('') : '-';
}
