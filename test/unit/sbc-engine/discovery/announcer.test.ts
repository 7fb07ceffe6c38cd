import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startAnnouncer } from '../../../../sbc-engine/discovery/announcer.ts';
import type { MdnsPublisher, PublishedService } from '../../../../sbc-engine/discovery/mdns-publisher.ts';

function recordingPublisher() {
  const published: PublishedService[] = [];
  let closed = 0;
  let withdrawn = 0;
  const publisher: MdnsPublisher = {
    async publish(service) {
      published.push(service);
    },
    async withdraw() {
      withdrawn++;
    },
    async close() {
      closed++;
    },
  };
  return { publisher, published, closed: () => closed, withdrawn: () => withdrawn };
}

it('publishes at start, again only when a fact changes, and takes it back on stop', async () => {
  const recorder = recordingPublisher();
  const facts = {
    id: 'abcdef0123',
    name: 'lab',
    version: '1.0.0',
    provisioned: false,
    mgmtPort: 8743,
    fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22',
  };
  const announcer = await startAnnouncer({
    facts: () => facts,
    publisher: recorder.publisher,
    log: () => {},
    recheckMs: 0,
  });
  assert.equal(recorder.published.length, 1);
  assert.deepEqual(recorder.published[0], {
    name: 'lab (abcdef01)',
    port: 8743,
    txt: { id: 'abcdef0123', version: '1.0.0', prov: '0', mport: '8743', fp: 'AA:BB:CC:DD:EE:FF:00:11' },
  });
  await announcer.check();
  assert.equal(recorder.published.length, 1, 'nothing changed, nothing re-published');
  facts.provisioned = true;
  await announcer.check();
  assert.equal(recorder.published.length, 2);
  assert.equal(recorder.published[1]!.txt.prov, '1');
  await announcer.stop();
  await announcer.stop();
  assert.equal(recorder.closed(), 1);
  facts.version = '2';
  await announcer.check();
  assert.equal(recorder.published.length, 2, 'a stopped announcer publishes nothing');
});

it("takes the announcement back while the config's system.announce is false, and publishes again after", async () => {
  const recorder = recordingPublisher();
  let enabled = true;
  const announcer = await startAnnouncer({
    facts: () => ({
      id: 'abcdef0123',
      name: 'lab',
      version: '1.0.0',
      provisioned: true,
      mgmtPort: 8743,
      fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22',
    }),
    publisher: recorder.publisher,
    log: () => {},
    recheckMs: 0,
    enabled: () => enabled,
  });
  assert.equal(recorder.published.length, 1);
  enabled = false;
  await announcer.check();
  await announcer.check();
  assert.equal(recorder.withdrawn(), 1, 'taken back once');
  enabled = true;
  await announcer.check();
  assert.equal(recorder.published.length, 2, 'published again');
  await announcer.stop();
});
