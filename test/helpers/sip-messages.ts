// SIP messages for tests, written line by line so CRLFs are right.
export function sip(lines: string[], body = ''): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n' + body, 'utf8');
}

export const OPTIONS = sip([
  'OPTIONS sip:sbc.example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport',
  'Max-Forwards: 70',
  'To: <sip:sbc.example.com>',
  'From: "Teams" <sip:sip.pstnhub.microsoft.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 63104 OPTIONS',
  'Contact: <sip:sip.pstnhub.microsoft.com:5061;transport=tls>',
  'Content-Length: 0',
]);

const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.20',
  's=-',
  'c=IN IP4 192.0.2.20',
  't=0 0',
  'm=audio 49170 RTP/SAVP 0 8',
  'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz',
  '',
].join('\r\n');

export const INVITE = sip(
  [
    'INVITE sip:+4930123456@sbc.example.com;user=phone SIP/2.0',
    'Via: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bKnashds8;received=2001:db8::10',
    'Record-Route: <sip:sip.pstnhub.microsoft.com;lr;transport=tls>, <sip:p2.example.com;lr>',
    'Max-Forwards: 69',
    'From: "Alice \\"A\\" Example" <sip:+4930999@sip.pstnhub.microsoft.com;user=phone>;tag=abc',
    'To: <sip:+4930123456@sbc.example.com;user=phone>',
    'Call-ID: 3848276298220188511@atlanta.example.com',
    'CSeq: 2 INVITE',
    'Contact: <sip:alice@[2001:db8::10]:5061;transport=tls>;+sip.instance="<urn:uuid:f81d4fae>"',
    'Supported: timer, 100rel, replaces',
    'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS',
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(SDP)}`,
  ],
  SDP,
);

export const REGISTER = sip([
  'REGISTER sips:telekom.example.net SIP/2.0',
  'Via: SIP/2.0/TCP 198.51.100.7:5060;branch=z9hG4bK-reg-1;alias',
  'Max-Forwards: 70',
  'From: <sip:+4961511234567@telekom.example.net>;tag=reg1',
  'To: <sip:+4961511234567@telekom.example.net>',
  'Call-ID: reg-1@198.51.100.7',
  'CSeq: 7 REGISTER',
  'Contact: <sip:+4961511234567@198.51.100.7:5060;transport=tcp>;expires=600',
  'Authorization: Digest username="+4961511234567", realm="telekom.example.net", nonce="a1b2", uri="sips:telekom.example.net", response="0123456789abcdef0123456789abcdef", algorithm=MD5',
  'Expires: 600',
  'Content-Length: 0',
]);

export const RESPONSE = sip([
  'SIP/2.0 486 Busy Here',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10;rport=5060',
  'To: <sip:sbc.example.com>;tag=99',
  'From: <sip:a@example.com>;tag=1',
  'Call-ID: x@y',
  'CSeq: 1 INVITE',
  'Warning: 399 sbc.example.com "Das Ziel ist besetzt – bitte später"',
  'Content-Length: 0',
]);
