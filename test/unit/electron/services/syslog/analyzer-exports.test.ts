// The analyzer's pure pieces: the pcap framing (link type 252), the CSV cells, the query → SQL
// prefilter, the engine's view of this workstation, the receiver settings.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { callsCsv, csvCell } from '../../../../../electron/services/syslog/calls-csv.ts';
import {
  pickListener,
  reachableAddress,
  withSyslogTarget,
} from '../../../../../electron/services/syslog/engine-log-target.ts';
import {
  LINKTYPE_WIRESHARK_UPPER_PDU,
  pduHeader,
  writePcap,
} from '../../../../../electron/services/syslog/pcap-export.ts';
import { queryToSql } from '../../../../../electron/services/syslog/query-sql.ts';
import { parseQuery } from '../../../../../electron/services/syslog/sip/index.ts';
import {
  effectiveSyslogSettings,
  receiverArgs,
} from '../../../../../electron/services/syslog/syslog-settings.ts';
import { MemoryStore } from '../../../../../electron/services/settings/settings-store.ts';
import { ServiceError } from '../../../../../electron/services/service-error.ts';

function tlvs(header: Buffer): [number, string][] {
  const out: [number, string][] = [];
  for (let at = 0; at < header.length;) {
    const tag = header.readUInt16BE(at);
    const len = header.readUInt16BE(at + 2);
    out.push([tag, header.subarray(at + 4, at + 4 + len).toString('hex')]);
    at += 4 + len;
    if (tag === 0) break;
  }
  return out;
}

it('frames each SIP message as an exported PDU for the "sip" dissector, with the addresses of both ends', () => {
  assert.deepEqual(tlvs(pduHeader('sip', '192.0.2.10', '127.0.0.1')), [
    [12, Buffer.from('sip\0').toString('hex')],
    [20, 'c000020a'],
    [21, '7f000001'],
    [0, ''],
  ]);
  assert.deepEqual(tlvs(pduHeader('sip', '2001:db8::1', '::1')), [
    [12, '73697000'],
    [22, '20010db8000000000000000000000001'],
    [23, '00000000000000000000000000000001'],
    [0, ''],
  ]);
  // Mixed families or an unknown end: no addresses rather than wrong ones.
  assert.deepEqual(
    tlvs(pduHeader('sip', '192.0.2.10', '::1')).map(([tag]) => tag),
    [12, 0],
  );
  assert.deepEqual(
    tlvs(pduHeader('sip', undefined, '::1')).map(([tag]) => tag),
    [12, 0],
  );
});

it('writes a pcap with link type 252, one record per message, time in microseconds', () => {
  const pcap = writePcap([
    { time: 1_700_000_000_123, payload: Buffer.from('OPTIONS sip:a SIP/2.0\r\n\r\n') },
  ]);
  assert.equal(pcap.readUInt32LE(0), 0xa1b2c3d4);
  assert.equal(pcap.readUInt32LE(20), LINKTYPE_WIRESHARK_UPPER_PDU);
  assert.equal(pcap.readUInt32LE(24), 1_700_000_000);
  assert.equal(pcap.readUInt32LE(28), 123_000);
  const length = pcap.readUInt32LE(32);
  assert.equal(pcap.length, 24 + 16 + length);
  assert.match(pcap.subarray(40 + 12).toString(), /^OPTIONS sip:a/);
});

it('keeps CSV cells intact and defuses spreadsheet formulas', () => {
  assert.equal(csvCell('+4930123456'), "'+4930123456");
  assert.equal(csvCell('=cmd()'), "'=cmd()");
  assert.equal(csvCell('Busy, "here"'), '"Busy, ""here"""');
  assert.equal(csvCell(486), '486');
  assert.equal(csvCell(undefined), '');
  const csv = callsCsv([
    { id: 'a', kind: 'call', callIds: ['a', 'b'], startTime: 0, endTime: 1000, from: 'alice', state: 'failed', finalStatus: 486, finalReason: 'Busy Here', messages: 3 }, // prettier-ignore
  ]);
  assert.equal(csv.split('\r\n')[1], '1970-01-01T00:00:00.000Z,1970-01-01T00:00:01.000Z,alice,,failed,486,Busy Here,,,,,call,a b'); // prettier-ignore
});

it('narrows searches in SQL only by what the predicate also demands', () => {
  const sql = (text: string) => {
    const parsed = parseQuery(text);
    assert.ok(parsed.ok);
    return queryToSql(parsed.query, 1_000_000, 50);
  };
  assert.deepEqual(sql('number:+49-301 method:invite,bye'), {
    where: ['m.id IN (SELECT rowid FROM sip_numbers WHERE sip_numbers MATCH ?)', 's.method IN (?, ?)'],
    params: ['"49301"', 'INVITE', 'BYE'],
  });
  assert.deepEqual(sql('-method:OPTIONS').where, ['(s.method IS NULL OR s.method NOT IN (?))']);
  // Short numbers and text cannot use trigrams; negated text and host are the predicate's alone.
  assert.deepEqual(sql('number:12').params, ['12']);
  assert.deepEqual(sql('ab -"busy" host:pbx dir:in').where, []);
  assert.deepEqual(sql('"Not Acceptable"'), {
    where: ['(m.id > ? OR m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?))'],
    params: [50, '"Not Acceptable"'],
  });
  assert.deepEqual(sql('status:4xx,486 since:1s').params, [400, 499, 486, 486, 999_000]);
});

it("finds this workstation's address as the engine sees it", () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', internal: true }],
    eth0: [{ address: '10.1.2.3', netmask: '255.255.255.0', family: 'IPv4', internal: false }],
    eth1: [{ address: '192.168.50.7', netmask: '255.255.255.0', family: 'IPv4', internal: false }],
  } as never;
  assert.equal(reachableAddress('anything', true, interfaces), '127.0.0.1');
  assert.equal(reachableAddress('127.0.0.1', false, interfaces), '127.0.0.1');
  assert.equal(reachableAddress('192.168.50.200', false, interfaces), '192.168.50.7');
  assert.equal(reachableAddress('sbc.example.com', false, interfaces), '10.1.2.3');
  assert.throws(() => reachableAddress('192.0.2.1', false, {}), ServiceError);
});

it('names a bound listener that covers the address, UDP first, and keeps the rest of the logging config', () => {
  const listeners = [
    { transport: 'tcp', address: '0.0.0.0', port: 5514 },
    { transport: 'udp', address: '127.0.0.1', port: 5515 },
  ];
  assert.deepEqual(pickListener(listeners, '127.0.0.1'), { host: '127.0.0.1', port: 5515, transport: 'udp' });
  assert.deepEqual(pickListener(listeners, '10.1.2.3'), { host: '10.1.2.3', port: 5514, transport: 'tcp' });
  assert.throws(() => pickListener([], '10.1.2.3'), /not running/);
  const config = { version: 3, logging: { sipTrace: false, syslog: { host: null, enterpriseNumber: 7 }, levels: { sip: 'debug' } } }; // prettier-ignore
  assert.deepEqual(withSyslogTarget(config, { host: '127.0.0.1', port: 5515, transport: 'udp' }, true), {
    version: 3,
    logging: {
      sipTrace: true,
      syslog: { host: '127.0.0.1', port: 5515, transport: 'udp', enterpriseNumber: 7 },
      levels: { sip: 'debug' },
    },
  });
});

it('listens on UDP and TCP 514 by default; the environment overrides the listeners for one run', () => {
  const store = new MemoryStore();
  const defaults = effectiveSyslogSettings(store, {});
  assert.deepEqual(receiverArgs(defaults, '/d'), ['--dir', '/d', '--udp', '0.0.0.0:514', '--tcp', '0.0.0.0:514']); // prettier-ignore
  const env = effectiveSyslogSettings(store, { SBC_STUDIO_SYSLOG_UDP: '127.0.0.1:40000', SBC_STUDIO_SYSLOG_TCP: 'off' }); // prettier-ignore
  assert.deepEqual(receiverArgs(env, '/d'), ['--dir', '/d', '--udp', '127.0.0.1:40000']);
  assert.throws(
    () => effectiveSyslogSettings(store, { SBC_STUDIO_SYSLOG_UDP: 'x:y:z' }),
    /SBC_STUDIO_SYSLOG_UDP/,
  );
});
