// The rules behind the certificate wizard and its dialogs: what a picked file becomes, what the
// request form refuses, where an import leads, which actions a row offers.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  chainPem,
  fileNameFor,
  fileToPayload,
} from '../../../../../renderer/pages/certificates/certificateFiles.ts';
import type { OwnRow } from '../../../../../renderer/pages/certificates/certificateViewModel.ts';
import {
  checkRequestForm,
  requestNames,
  toRequestInput,
  type RequestForm,
} from '../../../../../renderer/pages/certificates/requestForm.ts';
import { ownActions } from '../../../../../renderer/pages/certificates/rowActions.ts';
import {
  missingIssuers,
  sortedProblems,
  stepAfterImport,
} from '../../../../../renderer/pages/certificates/wizardSteps.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

it('sends a PEM file as its text and anything else as base64 of its bytes', () => {
  assert.equal(fileToPayload(new TextEncoder().encode(PEM)), PEM);
  const der = Uint8Array.from([0x30, 0x82, 0x01, 0x0a, 0xff, 0x00, 0x80]);
  assert.equal(fileToPayload(der), Buffer.from(der).toString('base64'));
  // A PEM larger than the sniffed head is still sent whole.
  const big = PEM.repeat(3000);
  assert.equal(fileToPayload(new TextEncoder().encode(big)), big);
  // Bytes of a binary file that happen to hold no PEM marker never pass as text.
  const random = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 131 + 7) % 256);
  assert.equal(Buffer.from(fileToPayload(random), 'base64').equals(Buffer.from(random)), true);
});

it('makes safe file names from labels', () => {
  assert.equal(fileNameFor('SIP TLS', 'csr'), 'SIP-TLS.csr');
  assert.equal(fileNameFor('Zertifikat für Köln/2026', 'pem'), 'Zertifikat-fur-Koln-2026.pem');
  assert.equal(fileNameFor('../..', 'pem'), 'certificate.pem');
  assert.equal(fileNameFor('', 'crt'), 'certificate.crt');
});

it('joins a chain for export with one newline between blocks', () => {
  assert.equal(chainPem(['A\n', 'B']), 'A\nB\n');
});

const form = (patch: Partial<RequestForm>): RequestForm => ({
  label: 'SIP TLS',
  algorithm: 'rsa-2048',
  commonName: 'sbc.example.com',
  dnsNames: '',
  ...patch,
});

it('puts the SBC FQDN first among the names and drops duplicates and blanks', () => {
  assert.deepEqual(
    requestNames(form({ dnsNames: 'sbc2.example.com\n\nSBC.example.com, sbc2.example.com' })),
    ['sbc.example.com', 'sbc2.example.com'],
  );
  assert.deepEqual(toRequestInput('bundled', form({ commonName: ' SBC.Example.com ' })), {
    engineId: 'bundled',
    label: 'SIP TLS',
    algorithm: 'rsa-2048',
    commonName: 'sbc.example.com',
    dnsNames: ['sbc.example.com'],
  });
});

it('refuses a request form with the reason per field', () => {
  assert.deepEqual(checkRequestForm(form({})), []);
  assert.deepEqual(checkRequestForm(form({ label: '  ' })), [{ field: 'label', key: 'labelMissing' }]);
  assert.deepEqual(checkRequestForm(form({ commonName: '' })), [
    { field: 'commonName', key: 'commonNameMissing' },
  ]);
  for (const bad of ['192.0.2.10', 'sbc', 'sbc example.com', 'sbc.-x.com']) {
    assert.deepEqual(
      checkRequestForm(form({ commonName: bad })).map((p) => p.key),
      ['commonNameNotFqdn'],
      bad,
    );
  }
  assert.deepEqual(checkRequestForm(form({ dnsNames: 'ok.example.com\nnot_a_host' })), [
    { field: 'dnsNames', key: 'dnsNameInvalid', values: { name: 'not_a_host' } },
  ]);
  assert.deepEqual(
    checkRequestForm(form({ dnsNames: '*.example.com' })),
    [],
    'a wildcard name may be requested',
  );
});

it('leads to the intermediates step only while an issuer is missing', () => {
  const missing = {
    setAsideRoots: [],
    problems: [
      { code: 'missing-issuer', severity: 'error' as const, message: 'issuer "Example CA" is missing' },
    ],
  };
  assert.equal(stepAfterImport(missing), 'intermediates');
  assert.equal(missingIssuers(missing).length, 1);
  assert.equal(stepAfterImport({ setAsideRoots: ['CN=Root'], problems: [] }), 'use');
  assert.deepEqual(
    sortedProblems([
      { code: 'a', severity: 'info', message: '' },
      { code: 'b', severity: 'error', message: '' },
      { code: 'c', severity: 'warning', message: '' },
    ]).map((p) => p.code),
    ['b', 'c', 'a'],
  );
});

it('offers per row only what makes sense, and never removing what SIP TLS serves', () => {
  const row = (patch: Partial<OwnRow>): OwnRow => ({
    id: '0123456789abcdef',
    label: 'x',
    state: 'issued',
    commonName: 'sbc.example.com',
    subjectAltNames: [],
    usedForSipTls: false,
    publicPems: ['LEAF'],
    usedBy: [],
    ...patch,
  });
  assert.deepEqual(ownActions(row({ state: 'pending' })), ['continue', 'saveRequest', 'remove']);
  assert.deepEqual(ownActions(row({})), ['intermediates', 'useForSipTls', 'export', 'remove']);
  assert.deepEqual(ownActions(row({ usedForSipTls: true })), ['intermediates', 'export']);
});
