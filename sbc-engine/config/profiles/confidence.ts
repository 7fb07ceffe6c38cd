// What the admin should confirm after adding a profile: every value and piece of advice that is
// not [sure] (shared/reference/providers.md), most doubtful first.
import type { DefaultUsed, ResolvedNote } from './apply.ts';
import type { Confidence, Source } from './profile-schema.ts';

export interface ConfirmationItem {
  confidence: Exclude<Confidence, 'sure'>;
  /** Config path of the value; null for advice that no field holds. */
  path: string | null;
  value?: unknown;
  /** What to tell the admin. */
  message: string;
  sourceId: string;
  source: Source;
}

const ASK: Record<Exclude<Confidence, 'sure'>, string> = {
  check: 'not certain (one or old source): confirm with your provider before relying on it',
  likely: 'from consistent second-hand sources: confirm with your provider or order confirmation',
};

/** The values and notes of an applied profile that need confirmation, [check] before [likely]. */
export function confidenceReport(applied: {
  defaults: readonly DefaultUsed[];
  notes: readonly ResolvedNote[];
}): ConfirmationItem[] {
  const items: ConfirmationItem[] = [];
  for (const entry of applied.defaults) {
    if (entry.confidence === 'sure') continue;
    items.push({
      confidence: entry.confidence,
      path: entry.path,
      value: entry.value,
      message: `${entry.note ? `${entry.note}; ` : ''}${ASK[entry.confidence]}`,
      sourceId: entry.sourceId,
      source: entry.source,
    });
  }
  for (const note of applied.notes) {
    if (note.confidence === 'sure') continue;
    items.push({
      confidence: note.confidence,
      path: null,
      message: `${note.text} (${ASK[note.confidence]})`,
      sourceId: note.sourceId,
      source: note.source,
    });
  }
  const rank = (item: ConfirmationItem) => (item.confidence === 'check' ? 0 : 1);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

/** "providers.md — Microsoft Teams Direct Routing › SIP proxies" for one line of output. */
export function describeSource(source: Source): string {
  return `${source.document} — ${source.where}${source.url ? ` (${source.url})` : ''}`;
}
