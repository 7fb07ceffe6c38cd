// Line breaks as syslog chains hand them over. A SIP message holds CRLFs, and few log paths keep
// them: rsyslog escapes control characters as '#' and three octal digits (#015#012), AudioCodes
// writes ' #012' between lines, viewers show CR as ^M, JSON-minded exporters leave '\r\n' as text.
// This module turns all of these back into real CR/LF so the SIP parser sees a message.

/** rsyslog's escape: '#' + 3 octal digits. Only control characters are undone; '#134' in prose stays. */
const OCTAL_ESCAPE = /#([0-3][0-7]{2})/g;

function undoOctal(text: string): string {
  return text.replace(OCTAL_ESCAPE, (whole, digits: string) => {
    const code = parseInt(digits, 8);
    return code < 0x20 || code === 0x7f ? String.fromCharCode(code) : whole;
  });
}

/**
 * Real line breaks for every escaped form. Backslash escapes are undone only when the text has no
 * real line feed at all, because a genuine SIP message may quote a backslash in a display name.
 */
export function unescapeLineBreaks(text: string): string {
  let out = text;
  if (out.includes('#0') || out.includes('#1') || out.includes('#2') || out.includes('#3'))
    out = undoOctal(out);
  if (out.includes('^M')) out = out.replace(/\^M\^J/g, '\r\n').replace(/\^M(?=\n|$)/g, '\r');
  if (!out.includes('\n') && /\\[rn]/.test(out)) {
    out = out.replace(/\\r\\n|\\n|\\r/g, (m) => (m === '\\r\\n' ? '\r\n' : m === '\\n' ? '\n' : '\r'));
  }
  return out;
}

/** Splits into lines at CRLF, LF or a lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
