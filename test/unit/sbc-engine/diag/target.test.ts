// What the probe makes of the target an admin types: URI or host:port, transport choices, the
// Request-URI without user part, and clear errors naming the argument.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTarget, ProbeInputError } from '../../../../sbc-engine/diag/target.ts';
import type { SipTransport } from '../../../../sbc-engine/sip/locate/types.ts';
import { mutate, seededRandom } from '../../../helpers/mutate.ts';

describe('parseTarget', () => {
  const rows: [string, SipTransport | undefined, string, Record<string, unknown>][] = [
    ['sip:sbc.example.com:5061;transport=tls', undefined, 'sip:sbc.example.com:5061;transport=tls', { host: 'sbc.example.com', port: 5061, transport: 'tls', secure: false }],
    ['sips:sip.pstnhub.microsoft.com', undefined, 'sips:sip.pstnhub.microsoft.com', { host: 'sip.pstnhub.microsoft.com', secure: true }],
    ['sips:sbc.example.com;transport=tcp', undefined, 'sips:sbc.example.com', { host: 'sbc.example.com', secure: true }],
    ['192.0.2.1:5060', undefined, 'sip:192.0.2.1:5060', { host: '192.0.2.1', port: 5060, secure: false }],
    ['192.0.2.1:5060', 'tcp', 'sip:192.0.2.1:5060;transport=tcp', { host: '192.0.2.1', port: 5060, transport: 'tcp', secure: false }],
    ['192.0.2.1', 'udp', 'sip:192.0.2.1', { host: '192.0.2.1', transport: 'udp', secure: false }],
    ['[2001:db8::1]:5061', 'tls', 'sip:[2001:db8::1]:5061;transport=tls', { host: '2001:db8::1', port: 5061, transport: 'tls', secure: false }],
    ['sip:user@SBC.Example.com:5060;lr?Subject=x', undefined, 'sip:sbc.example.com:5060', { host: 'sbc.example.com', port: 5060, secure: false }],
    ['sbc.example.com', undefined, 'sip:sbc.example.com', { host: 'sbc.example.com', secure: false }],
  ]; // prettier-ignore
  for (const [text, transport, requestUri, locate] of rows) {
    it(`${text}${transport ? ` --transport ${transport}` : ''} → ${requestUri}`, () => {
      const target = parseTarget(text, transport);
      assert.equal(target.requestUri, requestUri);
      assert.deepEqual(target.locate, locate);
    });
  }

  const errors: [string, SipTransport | undefined, string, RegExp][] = [
    ['', undefined, 'target', /empty/],
    ['sip:sbc.example.com;transport=udp', 'tls', 'transport', /transport=udp, but --transport says tls/],
    ['sips:sbc.example.com', 'udp', 'transport', /needs TLS/],
    ['sip:sbc.example.com;transport=sctp', undefined, 'target', /"sctp" is not udp, tcp or tls/],
    ['tel:+4930123', undefined, 'target', /neither a sip:\/sips: URI nor host:port/],
    ['sbc.example.com:99999', undefined, 'target', /not a valid port/],
    ['bad host name:5060', undefined, 'target', /not a usable target/],
  ];
  for (const [text, transport, field, message] of errors) {
    it(`refuses "${text}"${transport ? ` with --transport ${transport}` : ''}, naming ${field}`, () => {
      assert.throws(
        () => parseTarget(text, transport),
        (error: unknown) =>
          error instanceof ProbeInputError && error.field === field && message.test(error.message),
      );
    });
  }
});

it('fuzz: a mangled target either parses to a Request-URI without user part or is refused as "target"/"transport"', () => {
  const random = seededRandom(3263);
  const seeds = ['sip:sbc.example.com:5061;transport=tls', 'sips:[2001:db8::1]:5061', '192.0.2.1:5060', 'sip:u@h.example.com;maddr=192.0.2.9'];
  for (let i = 0; i < 4000; i++) {
    const text = mutate(Buffer.from(seeds[i % seeds.length]!), random).toString('latin1');
    const transport = (['udp', 'tcp', 'tls', undefined] as const)[i % 4];
    try {
      const target = parseTarget(text, transport);
      assert.doesNotMatch(target.requestUri, /@|\?|[\s<>"]/, text);
      assert.match(target.requestUri, /^sips?:/);
    } catch (error) {
      assert.ok(error instanceof ProbeInputError, `${JSON.stringify(text)}: ${String(error)}`);
      assert.ok(['target', 'transport'].includes(error.field));
    }
  }
}); // prettier-ignore
