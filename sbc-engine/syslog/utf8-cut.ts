// Where a UTF-8 byte string may be cut without splitting a character.

/** The largest length <= max at which `bytes` (valid UTF-8) ends on a character boundary. */
export function utf8CutLength(bytes: Uint8Array, max: number): number {
  if (max >= bytes.length) return bytes.length;
  let end = Math.max(0, Math.floor(max));
  // Continuation bytes are 10xxxxxx: step back to the lead byte of the character cut in two.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return end;
}
