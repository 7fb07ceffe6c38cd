// An engine's state as the backup code sees it: a config with two trunk passwords, two kept versions,
// one certificate with its key, one trusted CA and the admin hash. Fresh object per call.
import { createSelfSignedCertificate } from '../../../../sbc-engine/certs/self-signed.ts';
import type { BackupSource } from '../../../../sbc-engine/backup/archive.ts';
import { parseConfig, type Config } from '../../../../sbc-engine/config/schema/index.ts';
import { PBX_PASSWORD, sampleConfig, TELEKOM_PASSWORD } from '../config/schema/sample-config.ts';

export { PBX_PASSWORD, TELEKOM_PASSWORD };
export const ADMIN_HASH = 'c2NyeXB0LWhhc2gtb2YtdGhlLWFkbWluLXBhc3N3b3Jk';
export const FAST_KDF = { N: 2 ** 14, r: 8, p: 1 };

export function sample(): Config {
  const parsed = parseConfig(sampleConfig());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

let material: { keyPem: string; certPem: string; caPem: string } | undefined;

export async function sampleSource(): Promise<BackupSource> {
  if (!material) {
    const leaf = await createSelfSignedCertificate({ commonName: 'sbc.example.com', dnsNames: ['sbc.example.com'], ipAddresses: [] }); // prettier-ignore
    const ca = await createSelfSignedCertificate({ commonName: 'Example CA', dnsNames: [], ipAddresses: [] });
    material = { keyPem: leaf.keyPem, certPem: leaf.certPem, caPem: ca.certPem };
  }
  const current = sample();
  const older = structuredClone(current);
  older.system.fqdn = 'old.example.com';
  return {
    engine: { id: '6f1c2d3e-0000-4000-8000-000000000001', name: 'sbc-berlin', version: '0.1.0' },
    createdBy: 'admin',
    createdAt: '2026-03-01T10:00:00.000Z',
    current: { version: 3, config: current },
    history: [
      {
        info: { version: 3, author: 'admin', at: '2026-02-01T10:00:00.000Z', comment: 'teams' },
        config: current,
      },
      {
        info: { version: 2, author: 'admin', at: '2026-01-01T10:00:00.000Z', comment: 'first' },
        config: older,
      },
    ],
    certificates: {
      index: {
        version: 1,
        own: [
          {
            id: '0123456789abcdef',
            label: 'Teams SBC',
            createdAt: '2026-01-01T10:00:00.000Z',
            leafPem: material.certPem,
            chainPems: [],
          },
        ],
        trustedCas: [
          {
            id: 'fedcba9876543210',
            label: 'Example CA',
            createdAt: '2026-01-01T10:00:00.000Z',
            certPem: material.caPem,
          },
        ],
      },
      privateKeys: { '0123456789abcdef': material.keyPem },
      sipTlsCertificateId: '0123456789abcdef',
    },
    admin: {
      user: 'admin',
      password: { algorithm: 'scrypt', N: 32768, r: 8, p: 1, salt: 'c2FsdA==', hash: ADMIN_HASH },
      changedAt: '2026-01-01T10:00:00.000Z',
    },
  };
}
