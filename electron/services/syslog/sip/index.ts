// The log analyzer's pure core: SIP out of syslog lines, calls out of SIP messages, ladders out
// of calls, and the search language. No I/O: the receiver and the store call these.
export type { Direction, Endpoint, Party, SipExtract, VendorId } from './types.ts';
export { extractSip, MAX_INPUT_CHARS } from './extract.ts';
export { readEngineContext, readEngineLink, type EngineContext } from './engine-context.ts';
export { formatEndpoint, parseEndpoint } from './endpoint.ts';
export { normalizeNumber, numberDigits } from './numbers.ts';
export {
  groupCalls,
  type CallLink,
  type CallSummary,
  type DialogKind,
  type DialogState,
  type GroupOptions,
  type GroupResult,
  type Leg,
  type LinkEvidence,
  type LoggedSip,
} from './calls.ts';
export {
  layoutLadder,
  LAYOUT,
  type Ladder,
  type LadderArrow,
  type LadderColumn,
  type LadderOptions,
  type LadderProblem,
  type ProblemKind,
} from './ladder.ts';
export { guessSdpCauses, type SdpCause, type SdpCauseCode } from './sdp-cause.ts';
export {
  parseQuery,
  parseTime,
  QUERY_FIELDS,
  type QueryAst,
  type QueryError,
  type QueryField,
  type QueryParseResult,
  type QueryTerm,
  type TimeValue,
} from './query-parse.ts';
export { compileQuery, type MatchOptions, type QueryRecord } from './query-match.ts';
