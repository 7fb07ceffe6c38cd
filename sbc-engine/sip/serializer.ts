// SipMessage → bytes. Always CRLF line ends and long header names. A header that could smuggle a
// second message (CR or LF in a value, a non-token name) is refused here, whoever built it.
import type { SipMessage } from './message.ts';
import { isToken } from './text.ts';

export class SipSerializeError extends Error {}

export interface SerializeOptions {
  /** Write Content-Length from the body (stream transports must carry it, RFC 3261 §18.3). */
  setContentLength?: boolean;
}

export function serializeMessage(message: SipMessage, options: SerializeOptions = {}): Buffer {
  const startLine =
    message.type === 'request'
      ? `${message.method} ${message.uri} ${message.version}`
      : `${message.version} ${message.status} ${message.reason}`;
  if (/[\r\n\0]/.test(startLine)) throw new SipSerializeError('the start line contains CR, LF or NUL');
  let text = startLine + '\r\n';
  let wroteLength = false;
  for (const { name, value } of message.headers) {
    if (!isToken(name)) throw new SipSerializeError(`"${name}" is not a valid header name`);
    // CR and LF would end the field and start another; other control characters may stand escaped.
    if (/[\r\n]/.test(value)) throw new SipSerializeError(`the value of ${name} contains CR or LF`);
    if (name === 'Content-Length' && options.setContentLength) {
      if (wroteLength) continue;
      wroteLength = true;
      text += `Content-Length: ${message.body.length}\r\n`;
      continue;
    }
    text += `${name}: ${value}\r\n`;
  }
  if (options.setContentLength && !wroteLength) text += `Content-Length: ${message.body.length}\r\n`;
  text += '\r\n';
  const head = Buffer.from(text, 'utf8');
  return message.body.length ? Buffer.concat([head, message.body]) : head;
}
