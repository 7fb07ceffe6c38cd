// The differences between two archives, as `sbc-studio backup diff` and the app show them: the
// configs field by field (secrets only as "changed"), the certificates by id, the history by version.
import { diffConfigs, type ConfigChange } from '../config/diff.ts';
import type { OpenedBackup } from './archive.ts';
import { describeLeaf } from './archive.ts';

export interface BackupDiff {
  config: ConfigChange[];
  certificates: { added: string[]; removed: string[]; changed: string[] };
  trustedCas: { added: string[]; removed: string[] };
  history: { onlyInFirst: number[]; onlyInSecond: number[] };
  sipTls: { before: string | null; after: string | null } | null;
}

export function diffBackups(a: OpenedBackup, b: OpenedBackup): BackupDiff {
  const own = (x: OpenedBackup) => new Map(x.certificates.index.own.map((e) => [e.id, e]));
  const [ownA, ownB] = [own(a), own(b)];
  const label = (id: string, map: typeof ownA) => `${map.get(id)!.label} (${id})`;
  const fingerprint = (pem: string | undefined) => describeLeaf(pem)?.fingerprint ?? null;
  const ca = (x: OpenedBackup) => new Map(x.certificates.index.trustedCas.map((e) => [e.id, e.label]));
  const [caA, caB] = [ca(a), ca(b)];
  const versions = (x: OpenedBackup) => new Set(x.history.map((v) => `${v.info.version} ${v.info.at}`));
  const [va, vb] = [versions(a), versions(b)];
  const number = (key: string) => Number(key.split(' ')[0]);
  const sipA = a.certificates.sipTlsCertificateId;
  const sipB = b.certificates.sipTlsCertificateId;
  return {
    config: diffConfigs(a.current.config, b.current.config),
    certificates: {
      added: [...ownB.keys()].filter((id) => !ownA.has(id)).map((id) => label(id, ownB)),
      removed: [...ownA.keys()].filter((id) => !ownB.has(id)).map((id) => label(id, ownA)),
      changed: [...ownA.keys()]
        .filter(
          (id) => ownB.has(id) && fingerprint(ownA.get(id)!.leafPem) !== fingerprint(ownB.get(id)!.leafPem),
        )
        .map((id) => label(id, ownB)),
    },
    trustedCas: {
      added: [...caB].filter(([id]) => !caA.has(id)).map(([id, l]) => `${l} (${id})`),
      removed: [...caA].filter(([id]) => !caB.has(id)).map(([id, l]) => `${l} (${id})`),
    },
    history: {
      onlyInFirst: [...va].filter((k) => !vb.has(k)).map(number),
      onlyInSecond: [...vb].filter((k) => !va.has(k)).map(number),
    },
    sipTls: sipA === sipB ? null : { before: sipA, after: sipB },
  };
}

export function backupDiffIsEmpty(diff: BackupDiff): boolean {
  return (
    diff.config.length === 0 &&
    Object.values(diff.certificates).every((list) => list.length === 0) &&
    diff.trustedCas.added.length + diff.trustedCas.removed.length === 0 &&
    diff.sipTls === null
  );
}
