import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readPemBlocks } from '../../../../../sbc-engine/certs/inspect/pem.ts';

const block = (label: string, body = 'AAEC') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

it('reads blocks with their line numbers and skips text between them', () => {
  const text = [
    'subject=CN = x',
    block('CERTIFICATE'),
    'Bag Attributes',
    '',
    block('PRIVATE KEY', 'AwQF'),
  ].join('\n');
  const blocks = readPemBlocks(text);
  assert.deepEqual(
    blocks.map((b) => [b.label, b.line, b.der.toString('hex')]),
    [
      ['CERTIFICATE', 2, '000102'],
      ['PRIVATE KEY', 7, '030405'],
    ],
  );
});

it('reads Windows line ends and RFC 1421 headers of legacy encrypted keys', () => {
  const text =
    '-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-256-CBC,00\r\n\r\nAAEC\r\n-----END RSA PRIVATE KEY-----\r\n';
  const [only] = readPemBlocks(text);
  assert.equal(only?.der.toString('hex'), '000102');
  assert.match(only?.text ?? '', /Proc-Type/);
});

const broken: [string, string, RegExp][] = [
  ['BEGIN without END', `x\n${block('CERTIFICATE')}\n-----BEGIN CERTIFICATE-----\nAAEC\n`, /BEGIN CERTIFICATE at line 5 has no END line: the file is truncated/],
  ['END without BEGIN', 'AAEC\n-----END CERTIFICATE-----\n', /END CERTIFICATE at line 2 has no BEGIN/],
  ['mismatched labels', '-----BEGIN CERTIFICATE-----\nAAEC\n-----END PRIVATE KEY-----\n', /BEGIN CERTIFICATE at line 1 ends with END PRIVATE KEY at line 3/],
  ['two BEGINs', '-----BEGIN CERTIFICATE-----\nAAEC\n' + block('CERTIFICATE'), /BEGIN CERTIFICATE at line 1 has no END line before the next BEGIN at line 3/],
  ['not base64', block('CERTIFICATE', 'AA$EC'), /block at line 1 is not valid base64/],
  ['empty body', block('CERTIFICATE', ''), /not valid base64/],
]; // prettier-ignore
for (const [name, text, message] of broken) {
  it(`rejects ${name} with the line`, () => {
    assert.throws(() => readPemBlocks(text), { name: 'CertificateInputError', message });
  });
}
