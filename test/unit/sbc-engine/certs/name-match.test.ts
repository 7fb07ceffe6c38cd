import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  checkCertificateName,
  namesFromAltNames,
  type NameCheck,
} from '../../../../sbc-engine/certs/name-match.ts';

const wildcard = namesFromAltNames('DNS:*.example.com');
const exact = namesFromAltNames('DNS:sbc.example.com, DNS:sbc2.example.com');
const sipUri = namesFromAltNames('URI:sip:example.com, DNS:other.example.net');
const cnOnly = namesFromAltNames(undefined, 'SBC.Example.com');

const cases: [string, ReturnType<typeof namesFromAltNames>, string, NameCheck, boolean][] = [
  ['exact DNS name', exact, 'sbc2.example.com', 'exact', true],
  ['exact DNS name, trailing dot and case', exact, 'SBC.example.com.', 'rfc5922', true],
  ['wildcard under "exact"', wildcard, 'sbc.example.com', 'exact', false],
  ['wildcard under "wildcard"', wildcard, 'sbc.example.com', 'wildcard', true],
  ['wildcard covers one label only', wildcard, 'a.b.example.com', 'wildcard', false],
  ['wildcard does not cover the bare domain', wildcard, 'example.com', 'wildcard', false],
  ['wildcard under RFC 5922', wildcard, 'sbc.example.com', 'rfc5922', false],
  ['SIP URI SAN under RFC 5922', sipUri, 'example.com', 'rfc5922', true],
  ['SIP URI SAN is not a DNS name for "exact"', sipUri, 'example.com', 'exact', false],
  ['CN only when there is no SAN', cnOnly, 'sbc.example.com', 'rfc5922', true],
  [
    'CN ignored when SANs exist',
    namesFromAltNames('DNS:a.example.com', 'sbc.example.com'),
    'sbc.example.com',
    'exact',
    false,
  ],
  ['a too broad wildcard', namesFromAltNames('DNS:*.com'), 'example.com', 'wildcard', false],
];
for (const [name, names, host, mode, matches] of cases) {
  it(`${name} (${mode}): ${matches ? 'match' : 'no match'}`, () => {
    const problem = checkCertificateName(names, host, mode);
    assert.equal(problem === null, matches, problem ?? 'matched');
  });
}

it('says why a wildcard is refused for SIP', () => {
  assert.match(
    checkCertificateName(wildcard, 'sbc.example.com', 'rfc5922') ?? '',
    /does not accept wildcards/,
  );
});
