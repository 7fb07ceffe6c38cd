// RFC 6587 §3.4.1 octet counting: over TCP each message goes as "<length in bytes> SP <message>", so
// a SIP trace with CRLFs inside stays one message (newline framing would split it).
export function octetCountedFrame(message: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, 'ascii'), message]);
}
