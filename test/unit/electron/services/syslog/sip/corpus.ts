// The vendor corpus (test/fixtures/syslog-vendors/<vendor>/<sample>.txt with <sample>.json beside
// it) and the projection of an extract that the expectation files are written against.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEndpoint } from '../../../../../../electron/services/syslog/sip/endpoint.ts';
import type { SipExtract } from '../../../../../../electron/services/syslog/sip/types.ts';

export const CORPUS_DIR = join(import.meta.dirname, '../../../../../fixtures/syslog-vendors');

export interface CorpusSample {
  vendor: string;
  name: string;
  text: string;
  expected: Record<string, unknown>;
}

export function loadCorpus(): CorpusSample[] {
  const samples: CorpusSample[] = [];
  for (const vendor of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!vendor.isDirectory()) continue;
    for (const file of readdirSync(join(CORPUS_DIR, vendor.name)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const name = file.slice(0, -4);
      samples.push({
        vendor: vendor.name,
        name,
        text: readFileSync(join(CORPUS_DIR, vendor.name, file), 'utf8'),
        expected: JSON.parse(readFileSync(join(CORPUS_DIR, vendor.name, `${name}.json`), 'utf8')),
      });
    }
  }
  return samples;
}

/** The index fields of an extract, flattened as the expectation files write them. */
export function project(extract: SipExtract): Record<string, unknown> {
  const out: Record<string, unknown> = {
    vendor: extract.vendor,
    kind: extract.kind,
    method: extract.method,
    status: extract.status,
    reason: extract.reason,
    callId: extract.callId,
    cseq: extract.cseq ? `${extract.cseq.seq} ${extract.cseq.method}` : undefined,
    fromNumber: extract.from?.number,
    toNumber: extract.to?.number,
    paiNumber: extract.pai?.number,
    direction: extract.direction,
    peer: extract.peer ? formatEndpoint(extract.peer) : undefined,
    sessionId: extract.sessionId,
    leg: extract.leg,
    connection: extract.connection,
    branch: extract.branch,
    truncated: extract.truncated,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
