import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import { loadCorpus, project } from './corpus.ts';

const corpus = loadCorpus();

describe('vendor corpus: every sample yields the fields its expectation file names', () => {
  it('covers at least five vendors plus the engine', () => {
    const vendors = new Set(corpus.map((s) => s.vendor));
    for (const v of ['audiocodes', 'ribbon', 'officemaster', 'kamailio', 'cisco', 'sbc-engine'])
      assert.ok(vendors.has(v), `no samples for ${v}`);
  });

  for (const sample of corpus) {
    it(`${sample.vendor}/${sample.name}`, () => {
      const extract = extractSip(sample.text);
      assert.ok(extract, 'no SIP message found');
      assert.deepEqual(project(extract), sample.expected);
      // The span points at the start line inside the original text.
      assert.match(sample.text.slice(extract.span.start), /^(?:[A-Z]+ \S+ SIP\/2\.0|SIP\/2\.0 \d{3})/);
      assert.ok(
        extract.sipText.startsWith(
          sample.text
            .slice(extract.span.start)
            .split(/[\r\n#\\^]/)[0]!
            .trimEnd(),
        ),
      );
    });
  }
});
