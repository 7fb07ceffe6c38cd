// If-Match as RFC 9110 §13.1.1 reads it: "*" or a list of entity tags, compared strongly, so a weak
// tag (W/"...") never matches. A bare token without quotes is taken as the tag it names, because
// clients that carry the tag in a JSON body tend to lose the quotes.
export interface IfMatch {
  matches(etag: string): boolean;
}

const MAX_TAGS = 32;

export function parseIfMatch(header: string): IfMatch {
  const text = header.trim();
  if (text === '*') return { matches: () => true };
  const tags: string[] = [];
  const pattern = /\s*(W\/)?("[^"]*"|[^\s,"]+)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (tags.length < MAX_TAGS && pattern.lastIndex < text.length && (match = pattern.exec(text))) {
    if (match[1]) continue; // weak: never equal under strong comparison
    const tag = match[2]!;
    tags.push(tag.startsWith('"') ? tag : `"${tag}"`);
  }
  return { matches: (etag) => tags.includes(etag) };
}
