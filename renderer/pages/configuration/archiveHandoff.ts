// Hands an opened archive's config from the Backups page to the Configuration page's editor, in
// memory: consumed once, so reopening the page later starts from its own draft again. The passphrase
// stays here only until the page takes it (saving the edit seals the secrets with it again).
export interface ArchiveOrigin {
  /** The file name as the Backups page shows it. */
  label: string;
  source: { name: string } | { archive: string };
  passphrase?: string;
}

export interface ArchiveHandoff {
  origin: ArchiveOrigin;
  /** The archive's config as opened: secrets are markers. */
  config: unknown;
}

let pending: ArchiveHandoff | undefined;

export function handOverArchive(handoff: ArchiveHandoff): void {
  pending = handoff;
}

/** What is waiting for the editor, without taking it (a component's state initializer may run twice). */
export function peekArchiveHandoff(): ArchiveHandoff | undefined {
  return pending;
}

/** Marks `handoff` as taken; a newer one handed over meanwhile stays. */
export function consumeArchiveHandoff(handoff: ArchiveHandoff): void {
  if (pending === handoff) pending = undefined;
}

/** The editor's source name for an archive file: its name without the extension. */
export function archiveSourceName(label: string): string {
  return label.replace(/\.sbcbackup$/i, '') || 'archive';
}
