// Reading and changing header fields of a parsed message. Names are matched case-insensitively
// and compact forms are accepted (RFC 3261 §7.3).
import { canonicalHeaderName, isListHeader } from './header-names.ts';
import type { SipMessage } from './message.ts';
import { splitOutside } from './text.ts';

// Parsed messages carry canonical names, so the exact comparison almost always decides.
function same(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

/** The first field's whole value. */
export function getHeader(message: SipMessage, name: string): string | undefined {
  const wanted = canonicalHeaderName(name);
  return message.headers.find((h) => same(h.name, wanted))?.value;
}

/** Every value of a header in order: all its lines, and for list headers every comma-separated item. */
export function getHeaderValues(message: SipMessage, name: string): string[] {
  const wanted = canonicalHeaderName(name);
  const values: string[] = [];
  for (const header of message.headers) {
    if (!same(header.name, wanted)) continue;
    if (isListHeader(wanted) && header.value !== '*') {
      const parts = splitOutside(header.value, ',') ?? [header.value];
      for (const part of parts) if (part.trim()) values.push(part.trim());
    } else {
      values.push(header.value);
    }
  }
  return values;
}

export function countHeaderFields(message: SipMessage, name: string): number {
  const wanted = canonicalHeaderName(name);
  return message.headers.filter((h) => same(h.name, wanted)).length;
}

/** A copy with every field of that name replaced by one field (or removed when value is undefined). */
export function withHeader<M extends SipMessage>(message: M, name: string, value: string | undefined): M {
  const canonical = canonicalHeaderName(name);
  const index = message.headers.findIndex((h) => same(h.name, canonical));
  const rest = message.headers.filter((h) => !same(h.name, canonical));
  if (value === undefined) return { ...message, headers: rest };
  const headers = [...rest];
  headers.splice(index < 0 ? headers.length : index, 0, { name: canonical, value });
  return { ...message, headers };
}
