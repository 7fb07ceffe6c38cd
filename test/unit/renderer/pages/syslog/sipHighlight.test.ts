import assert from 'node:assert/strict';
import { it } from 'node:test';
import { callAsText } from '../../../../../renderer/pages/syslog/callText.ts';
import { receiverFigures } from '../../../../../renderer/pages/syslog/receiverFigures.ts';
import { errorMarker } from '../../../../../renderer/pages/syslog/searchError.ts';
import { highlightSip } from '../../../../../renderer/pages/syslog/sipHighlight.ts';

it('splits a SIP message into start line, headers and SDP lines', () => {
  const parts = highlightSip('INVITE sip:a SIP/2.0\r\nVia: SIP/2.0/UDP x\r\n folded\r\nContent-Length: 10\r\n\r\nv=0\r\nm=audio 4000 RTP/AVP 8\r\n'); // prettier-ignore
  assert.deepEqual(parts, [
    { kind: 'start', text: 'INVITE sip:a SIP/2.0' },
    { kind: 'header', name: 'Via', value: ' SIP/2.0/UDP x' },
    { kind: 'body', text: ' folded' },
    { kind: 'header', name: 'Content-Length', value: ' 10' },
    { kind: 'blank' },
    { kind: 'sdp', type: 'v', value: '0' },
    { kind: 'sdp', type: 'm', value: 'audio 4000 RTP/AVP 8' },
  ]);
});

it('points a caret at the position of a query mistake', () => {
  assert.equal(errorMarker('method:INVITE calid:x', 14), 'method:INVITE calid:x\n              ^');
  assert.equal(errorMarker('ab', 99), 'ab\n  ^');
});

it('writes a call as text with direction and far end per message', () => {
  const text = callAsText(
    [{ id: 'c', kind: 'call', callIds: ['c'], startTime: 0, endTime: 0, from: '+491', to: '+492', state: 'failed', finalStatus: 486, finalReason: 'Busy Here', messages: 2 }], // prettier-ignore
    [{ id: 1, time: 0, host: 'sbc1', source: null, direction: 'in', peer: 'udp:192.0.2.10:5060', firstLine: 'INVITE sip:x SIP/2.0', sipText: 'INVITE sip:x SIP/2.0\r\nCall-ID: c\r\n\r\n', truncated: false }], // prettier-ignore
  );
  assert.match(text, /^Call \+491 → \+492: failed \(486 Busy Here\), Call-IDs c\n/);
  assert.match(text, /=== \S+ \S+ sbc1 from udp:192\.0\.2\.10:5060\nINVITE sip:x SIP\/2\.0\nCall-ID: c\n/);
});

it('names every loss counter, and says "unknown" only where the OS does not tell', () => {
  const figures = receiverFigures({
    state: 'running',
    dataDir: '/d',
    listeners: [],
    notes: [],
    settings: { udp: [], tcp: [], autoStart: true },
    overridden: false,
    stats: { received: { udp: 5, tcp: 1, tls: 0 }, receivedBytes: 9, raw: { written: 6, writtenBytes: 2048, queuedBytes: 0, droppedQueueFull: 2, lostWriteFailed: 0 }, kernelDrops: null, truncated: 0, connections: { open: 0, total: 1 }, index: { messages: 6, lagBytes: 0, ftsLag: 3, unparsed: 0, senders: 1, sequenceMissing: 4 } }, // prettier-ignore
  });
  assert.deepEqual(figures.losses, [
    { key: 'kernelDrops', value: undefined },
    { key: 'queueFull', value: '2' },
    { key: 'writeFailed', value: '0' },
    { key: 'sequenceGaps', value: '4' },
    { key: 'truncated', value: '0' },
  ]);
  assert.equal(figures.counters[0]!.value, '6 (UDP 5, TCP 1, TLS 0)');
  assert.equal(figures.counters[1]!.value, '6 (2.0 KiB)');
});
