// A SIP call as the engine traces it to syslog (sbc-engine/syslog/FORMAT.md, SIP_TRACE): INVITE,
// 100, 180, 200, ACK, BYE, 200 on the a leg, plus OPTIONS keepalives with their 200s. Each line is
// one RFC 5424 message with the SIP message (CRLFs and all) as MSG, for UDP datagrams.
import { createSocket } from 'node:dgram';

export interface TracedCall {
  callId: string;
  from: string;
  to: string;
  /** The SIP start lines in the order sent. */
  startLines: string[];
  lines: string[];
}

function trace(time: Date, seq: number, callId: string, dir: 'in' | 'out', cseq: string, sip: string, extra: string): string {
  const stamp = time.toISOString();
  const what = /^SIP\/2\.0 (\d+)/.exec(sip);
  const param = what ? `status="${what[1]}"` : `method="${sip.split(' ')[0]}"`;
  return `<135>1 ${stamp} sbc1.test sbc-engine 2817 SIP_TRACE [meta sequenceId="${seq}"][sbc@32473 callId="${callId}" leg="a" dir="${dir}" peer="udp:192.0.2.10:5060" ${param} cseq="${cseq}"${extra}] ${sip}`;
} // prettier-ignore

function message(startLine: string, callId: string, cseq: string, from: string, to: string, body = ''): string {
  return [
    startLine,
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-' + cseq.replace(/\W/g, ''),
    `From: <sip:${from}@192.0.2.10>;tag=pbx1`,
    `To: <sip:${to}@sbc1.test>${/^SIP/.test(startLine) || cseq.includes('BYE') || cseq.includes('ACK') ? ';tag=sbc1' : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
} // prettier-ignore

const SDP =
  'v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n';

/** A whole answered and ended call starting at `start`, one message every 100 ms. */
export function tracedCall(options: {
  start: Date;
  callId: string;
  from: string;
  to: string;
  firstSeq?: number;
}): TracedCall {
  const { callId, from, to } = options;
  const steps: [string, 'in' | 'out', string, string?][] = [
    [`INVITE sip:${to}@sbc1.test SIP/2.0`, 'in', '1 INVITE', SDP],
    ['SIP/2.0 100 Trying', 'out', '1 INVITE'],
    ['SIP/2.0 180 Ringing', 'out', '1 INVITE'],
    ['SIP/2.0 200 OK', 'out', '1 INVITE', SDP],
    [`ACK sip:${to}@sbc1.test SIP/2.0`, 'in', '1 ACK'],
    [`BYE sip:${to}@sbc1.test SIP/2.0`, 'in', '2 BYE'],
    ['SIP/2.0 200 OK', 'out', '2 BYE'],
  ];
  const lines = steps.map(([startLine, dir, cseq, body], i) =>
    trace(new Date(options.start.getTime() + i * 100), (options.firstSeq ?? 1) + i, callId, dir, cseq,
      message(startLine, callId, cseq, from, to, body ?? ''), ''),
  ); // prettier-ignore
  return { callId, from, to, startLines: steps.map(([s]) => s), lines };
}

/** An OPTIONS keepalive from the engine and its 200, as two traced messages. */
export function tracedOptions(start: Date, callId: string, seq: number): string[] {
  const request = message('OPTIONS sip:192.0.2.10:5060 SIP/2.0', callId, '1 OPTIONS', 'ping', 'ping');
  const response = message('SIP/2.0 200 OK', callId, '1 OPTIONS', 'ping', 'ping');
  return [
    trace(start, seq, callId, 'out', '1 OPTIONS', request, ''),
    trace(new Date(start.getTime() + 20), seq + 1, callId, 'in', '1 OPTIONS', response, ''),
  ];
}

/** Sends each line as one UDP datagram to 127.0.0.1:port, in order. */
export async function sendUdpLines(port: number, lines: string[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const line of lines)
      await new Promise<void>((resolve, reject) =>
        socket.send(Buffer.from(line, 'utf8'), port, '127.0.0.1', (error) =>
          error ? reject(error) : resolve(),
        ),
      );
  } finally {
    socket.close();
  }
}
