// The SIP library shared by the engine, the log analyzer and the health probes. Pure: bytes in,
// objects out; no sockets, files or timers (CONVENTIONS.md).
export type { SipHeader, SipMessage, SipRequest, SipResponse } from './message.ts';
export { parseMessage, type ParseResult, type SipParseError } from './parser.ts';
export { serializeMessage, SipSerializeError } from './serializer.ts';
export { canonicalHeaderName } from './header-names.ts';
export { countHeaderFields, getHeader, getHeaderValues, withHeader } from './headers.ts';
export { formatUri, isSipUri, parseUri, unescapeUriPart, type OtherUri, type SipUri } from './uri.ts';
export { formatNameAddr, parseNameAddr, type NameAddr } from './address.ts';
export { BRANCH_COOKIE, formatVia, parseVia, type Via } from './via.ts';
export { parseCSeq } from './cseq.ts';
export { checkRequest, checkResponse, KNOWN_METHODS, type RequestVerdict } from './validate.ts';
export { SipStreamFramer, type FramedItem } from './stream-framer.ts';
