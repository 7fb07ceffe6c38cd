// Planning a restore of certificate entries from a backup into a store: which entries come in,
// which replace an entry of the same id, which cannot come in for want of their private key. Pure:
// the store applies the plan (store.ts) and can undo it.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { CertificateStoreError } from './errors.ts';
import { StoreIndex, type OwnEntry } from './schema.ts';

export interface ImportPlan {
  /** The index the store will have. */
  next: StoreIndex;
  /** Keys to write, by entry id. */
  keys: Record<string, string>;
  added: string[];
  replaced: string[];
  /** Own entries of the backup left out: their key is not in it and the store has none for them. */
  skipped: { id: string; label: string; reason: string }[];
  trustedAdded: string[];
}

export function planImport(
  current: StoreIndex,
  hasKey: (id: string) => boolean,
  incoming: StoreIndex,
  keys: Record<string, string> | null,
): ImportPlan {
  const parsed = StoreIndex.safeParse(incoming);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CertificateStoreError(`the backup's certificate index is invalid at ${issue.path.join('.')}: ${issue.message}`); // prettier-ignore
  }
  const plan: ImportPlan = { next: structuredClone(current), keys: {}, added: [], replaced: [], skipped: [], trustedAdded: [] }; // prettier-ignore
  for (const entry of parsed.data.own) {
    const key = keys?.[entry.id];
    const existing = current.own.findIndex((own) => own.id === entry.id);
    if (key === undefined) {
      // Same id on the same engine: the store's own key still belongs to it if the leaf is the same.
      if (existing >= 0 && hasKey(entry.id) && sameLeaf(current.own[existing]!, entry)) continue;
      plan.skipped.push({ id: entry.id, label: entry.label, reason: 'its private key is only in the encrypted part; give the passphrase' }); // prettier-ignore
      continue;
    }
    checkKey(entry, key);
    plan.keys[entry.id] = key;
    if (existing >= 0) {
      plan.next.own[existing] = entry;
      plan.replaced.push(entry.id);
    } else {
      plan.next.own.push(entry);
      plan.added.push(entry.id);
    }
  }
  const known = new Set(current.trustedCas.map((ca) => new X509Certificate(ca.certPem).fingerprint256));
  for (const ca of parsed.data.trustedCas) {
    const fingerprint = new X509Certificate(ca.certPem).fingerprint256;
    if (known.has(fingerprint)) continue;
    const id = current.trustedCas.some((t) => t.id === ca.id) ? undefined : ca.id;
    if (!id) continue;
    plan.next.trustedCas.push(ca);
    plan.trustedAdded.push(ca.id);
    known.add(fingerprint);
  }
  return plan;
}

function sameLeaf(a: OwnEntry, b: OwnEntry): boolean {
  return (a.leafPem ?? a.csrPem) === (b.leafPem ?? b.csrPem);
}

function checkKey(entry: OwnEntry, keyPem: string): void {
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new CertificateStoreError(`the private key of "${entry.label}" (${entry.id}) in the backup cannot be read`); // prettier-ignore
  }
  if (entry.leafPem && !new X509Certificate(entry.leafPem).checkPrivateKey(key)) {
    throw new CertificateStoreError(`the private key of "${entry.label}" (${entry.id}) in the backup does not belong to its certificate`); // prettier-ignore
  }
}
