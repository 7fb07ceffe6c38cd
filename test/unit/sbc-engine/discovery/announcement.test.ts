import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  announceDecision,
  announcementTxt,
  instanceName,
  SERVICE_TYPE,
} from '../../../../sbc-engine/discovery/announcement.ts';
import {
  parseAnnouncementTxt,
  SERVICE_TYPE as APP_SERVICE_TYPE,
} from '../../../../electron/services/discovery/announcement-txt.ts';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':'); // prettier-ignore
const FACTS = {
  id: '3f2a9c1e-0000-4000-8000-000000000001',
  name: 'sbc.lab.example',
  version: '0.1.0',
  provisioned: false,
  mgmtPort: 8743,
  fingerprint: FINGERPRINT,
};

describe('the announcement', () => {
  it('is _sbc-studio._tcp for the engine and the app', () => {
    assert.equal(SERVICE_TYPE, '_sbc-studio._tcp');
    assert.equal(APP_SERVICE_TYPE, SERVICE_TYPE);
  });

  it('carries id, version, prov, mport and an 8-byte fingerprint prefix', () => {
    assert.deepEqual(announcementTxt(FACTS), {
      id: FACTS.id,
      version: '0.1.0',
      prov: '0',
      mport: '8743',
      fp: FINGERPRINT.split(':').slice(0, 8).join(':'),
    });
    assert.equal(announcementTxt({ ...FACTS, provisioned: true }).prov, '1');
  });

  it('is read back by the app as the engine wrote it', () => {
    const parsed = parseAnnouncementTxt(announcementTxt({ ...FACTS, provisioned: true }), 1);
    assert.deepEqual(parsed, {
      ok: true,
      value: {
        id: FACTS.id,
        version: '0.1.0',
        provisioned: true,
        mgmtPort: 8743,
        fingerprintPrefix: FINGERPRINT.split(':').slice(0, 8).join(':'),
      },
    });
  });

  it('names the instance by engine name and id prefix, without dots, within 63 bytes', () => {
    assert.equal(instanceName(FACTS), 'sbc-lab-example (3f2a9c1e)');
    const long = instanceName({ id: FACTS.id, name: 'ü'.repeat(80) });
    assert.ok(Buffer.byteLength(long) <= 63, long);
    assert.match(long, /\(3f2a9c1e\)$/);
  });
});

describe('where an engine announces', () => {
  const rows: [string, ReturnType<typeof announceDecision>['announce'], string?][] = [
    ['127.0.0.1', false],
    ['127.0.0.2', false],
    ['::1', false],
    ['localhost', false],
    ['0.0.0.0', true, undefined],
    ['::', true, undefined],
    ['192.0.2.10', true, '192.0.2.10'],
    ['sbc.example.com', true, undefined],
  ];
  for (const [host, announce, networkInterface] of rows) {
    it(`management on ${host}: ${announce ? `announces on ${networkInterface ?? 'every interface'}` : 'does not announce'}`, () => {
      const decision = announceDecision(host);
      assert.equal(decision.announce, announce);
      if (decision.announce) assert.equal(decision.interface, networkInterface);
      else assert.match(decision.reason, /loopback/);
    });
  }
});

describe("the app's TXT parser", () => {
  const good = announcementTxt(FACTS);
  const rows: [string, Record<string, unknown>, RegExp][] = [
    ['no id', { ...good, id: undefined }, /"id"/],
    ['prov not 0/1', { ...good, prov: 'yes' }, /"prov"/],
    ['port out of range', { ...good, mport: '70000' }, /"mport"/],
    ['port not a number', { ...good, mport: '87a' }, /"mport"/],
    ['fingerprint not hex', { ...good, fp: 'zz:zz:zz:zz' }, /"fp"/],
    ['a key without a value', { ...good, fp: true }, /"fp"/],
  ];
  for (const [name, txt, error] of rows) {
    it(`refuses ${name}`, () => {
      const parsed = parseAnnouncementTxt(txt, 8743);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, error);
    });
  }

  it('takes the SRV port when mport is missing', () => {
    const parsed = parseAnnouncementTxt({ ...good, mport: undefined }, 9000);
    assert.ok(parsed.ok && parsed.value.mgmtPort === 9000);
  });

  it('never throws on random TXT values (fuzz)', () => {
    const keys = ['id', 'version', 'prov', 'mport', 'fp', 'x'];
    for (let i = 0; i < 2000; i++) {
      const txt: Record<string, unknown> = {};
      for (const key of keys) {
        const kind = randomBytes(1)[0]! % 4;
        txt[key] =
          kind === 0
            ? undefined
            : kind === 1
              ? true
              : randomBytes(randomBytes(1)[0]! % 40).toString('latin1');
      }
      const parsed = parseAnnouncementTxt(txt, randomBytes(2).readUInt16BE());
      if (parsed.ok) {
        assert.ok(parsed.value.mgmtPort >= 1 && parsed.value.mgmtPort <= 65535);
        assert.ok(parsed.value.id.length > 0);
      }
    }
  });
});
