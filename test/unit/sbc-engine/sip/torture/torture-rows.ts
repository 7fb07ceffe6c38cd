// Runner for the torture-test tables (RFC 4475, RFC 5118): one row per RFC message, each message
// read byte-exact from test/fixtures/sip/<corpus>/<name>.dat. A row states what the RFC expects:
// the parser rejects the framing, or the message parses and the UAS checks answer a status, or it
// is well-formed and exposes the values the RFC points out. Every message that parses must also
// survive serialize → parse unchanged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { parseNameAddr, type NameAddr } from '../../../../../sbc-engine/sip/address.ts';
import { getHeader } from '../../../../../sbc-engine/sip/headers.ts';
import type { SipMessage, SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../../sbc-engine/sip/parser.ts';
import { serializeMessage } from '../../../../../sbc-engine/sip/serializer.ts';
import { parseUri, type SipUri } from '../../../../../sbc-engine/sip/uri.ts';
import { checkRequest, checkResponse, type CheckOptions } from '../../../../../sbc-engine/sip/validate.ts';
import { parseVia, type Via } from '../../../../../sbc-engine/sip/via.ts';

export type Corpus = 'rfc4475' | 'rfc5118';

/** A status, or any of several fields when the RFC names more than one fault in the message. */
export interface Verdict {
  status: number;
  field?: string | string[];
  unsupported?: string[];
}

export interface TortureRow {
  /** The RFC's short name, which is also the fixture's file name. */
  name: string;
  section: string;
  /** One line, in our words: what the message exercises and which behaviour we pick. */
  description: string;
  transport?: 'datagram' | 'stream';
  /** A documented change from the RFC bytes to wire bytes (RFC 5118 only, see its rows). */
  prepare?: (bytes: Buffer) => Buffer;
  parse: 'ok' | 'reject';
  /** For parse: 'reject'. */
  error?: { line?: number; field?: string };
  /** For requests that parse: checkRequest's answer (null = passes to the TU). */
  verdict?: Verdict | null;
  checkOptions?: CheckOptions;
  /** For responses that parse: checkResponse's answer (null = usable). */
  responseVerdict?: { field?: string | string[] } | null;
  /** Row-specific values the RFC points out. */
  inspect?: (message: SipMessage) => void;
}

export function fixture(corpus: Corpus, name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '../../../../fixtures/sip', corpus, `${name}.dat`));
}

function assertField(actual: string | undefined, expected: string | string[] | undefined): void {
  if (expected === undefined) return;
  if (Array.isArray(expected))
    assert.ok(actual && expected.includes(actual), `field ${actual} not one of ${expected.join(', ')}`);
  else assert.equal(actual, expected);
}

export function runRow(corpus: Corpus, row: TortureRow): void {
  it(`${row.name} (§${row.section}): ${row.description}`, () => {
    const raw = fixture(corpus, row.name);
    const bytes = row.prepare ? row.prepare(raw) : raw;
    const transport = row.transport ?? 'datagram';
    const result = parseMessage(bytes, { transport });
    if (row.parse === 'reject') {
      assert.equal(result.ok, false, 'the parser accepted a message the RFC calls malformed');
      if (result.ok) return;
      assert.ok(result.error.reason.length > 0, 'a rejection carries a reason');
      if (row.error?.line !== undefined) assert.equal(result.error.line, row.error.line, result.error.reason);
      if (row.error?.field !== undefined)
        assert.equal(result.error.field, row.error.field, result.error.reason);
      return;
    }
    assert.ok(
      result.ok,
      result.ok ? '' : `parse failed at line ${result.error.line}: ${result.error.reason}`,
    );
    const message = result.message;

    // Round trip: what we send is what we parsed.
    const again = parseMessage(serializeMessage(message), { transport });
    assert.ok(again.ok, again.ok ? '' : `re-parse failed: ${again.error.reason}`);
    assert.deepEqual(again.message, message);

    if (message.type === 'request' && row.verdict !== undefined) {
      const verdict = checkRequest(message, row.checkOptions);
      if (row.verdict === null)
        assert.equal(verdict, null, verdict ? `${verdict.status} ${verdict.reason}` : '');
      else {
        assert.ok(verdict, `expected ${row.verdict.status}, the request passed`);
        assert.equal(verdict.status, row.verdict.status, verdict.reason);
        assert.ok(verdict.reason.length > 0);
        assertField(verdict.field, row.verdict.field);
        if (row.verdict.unsupported) assert.deepEqual(verdict.unsupported, row.verdict.unsupported);
      }
    }
    if (message.type === 'response' && row.responseVerdict !== undefined) {
      const verdict = checkResponse(message);
      if (row.responseVerdict === null) assert.equal(verdict, null, verdict?.reason);
      else {
        assert.ok(verdict, 'expected the response to be refused');
        assertField(verdict.field, row.responseVerdict.field);
      }
    }
    row.inspect?.(message);
  });
}

// --- small accessors for the inspect callbacks ---------------------------------------------------

export function asRequest(message: SipMessage): SipRequest {
  assert.equal(message.type, 'request');
  return message as SipRequest;
}

export function asResponse(message: SipMessage): SipResponse {
  assert.equal(message.type, 'response');
  return message as SipResponse;
}

export function sipUri(text: string): SipUri {
  const result = parseUri(text);
  assert.ok(result.ok, result.ok ? '' : `${text}: ${result.error}`);
  assert.ok('host' in result.value, `${text} is not a SIP URI`);
  return result.value;
}

export function nameAddr(text: string | undefined): NameAddr {
  assert.ok(text !== undefined, 'header missing');
  const result = parseNameAddr(text);
  assert.ok(result.ok, result.ok ? '' : `${text}: ${result.error}`);
  return result.value;
}

export function headerAddr(message: SipMessage, name: string): NameAddr {
  return nameAddr(getHeader(message, name));
}

export function via(text: string | undefined): Via {
  assert.ok(text !== undefined, 'Via missing');
  const result = parseVia(text);
  assert.ok(result.ok, result.ok ? '' : `${text}: ${result.error}`);
  return result.value;
}

/** A parameter's value by case-insensitive name: null for a flag, undefined when absent. */
export function param(
  params: readonly (readonly [string, string | null])[],
  name: string,
): string | null | undefined {
  return params.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}
