// The names of a request, checked against the SBC's FQDN: one row per mistake seen in the seeds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequestNames, type RequestNameCode } from '../../../../../sbc-engine/certs/csr/index.ts';

const FQDN = 'sbc.example.com';
const rows: { name: string; names: string[]; codes: RequestNameCode[]; message?: RegExp }[] = [
  { name: 'FQDN alone', names: ['sbc.example.com'], codes: [] },
  { name: 'FQDN first, case and trailing dot ignored', names: ['SBC.example.com.', 'b.example.com'], codes: [] },
  { name: 'FQDN missing', names: ['other.example.com'], codes: ['fqdn-missing'], message: /sbc\.example\.com is not among/ },
  { name: 'FQDN not first', names: ['b.example.com', 'sbc.example.com'], codes: ['fqdn-not-first'], message: /first/ },
  { name: 'wildcard (RFC 5922)', names: ['sbc.example.com', '*.example.com'], codes: ['wildcard-sip'], message: /RFC 5922/ },
  { name: 'invalid name is named', names: ['sbc.example.com', 'bad_name.example.com'], codes: ['invalid-dns-name'], message: /"bad_name\.example\.com"/ },
  { name: 'single label', names: ['sbc.example.com', 'localhost'], codes: ['invalid-dns-name'] },
  { name: 'duplicate', names: ['sbc.example.com', 'sbc.example.com'], codes: ['duplicate-name'] },
  { name: 'no names', names: [], codes: ['no-names'] },
]; // prettier-ignore

describe('checkRequestNames', () => {
  for (const row of rows) {
    it(row.name, () => {
      const problems = checkRequestNames(row.names, FQDN);
      assert.deepEqual(
        problems.map((p) => p.code),
        row.codes,
      );
      if (row.message) assert.match(problems[0]!.message, row.message);
    });
  }
});
