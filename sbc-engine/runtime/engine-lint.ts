// The linter as the engine runs it before an apply: with the facts only the engine has — its
// certificate store, the roots it ships, the clock — and the fact that it does not relay media yet,
// so a route between an SRTP and a plain-RTP connection is an error here, not a call failing later.
import { loadBundledRoots } from '../certs/bundled-roots.ts';
import { lintConfig } from '../config/lint/index.ts';
import type { BundledRootFact } from '../config/lint/types.ts';
import type { CertificateListing } from '../mgmt/certificates-routes.ts';
import type { LintConfig } from '../mgmt/config-service.ts';

/** The bundled roots as lint facts; undefined (those rules skipped) when the bundle cannot be read. */
export async function bundledRootFacts(
  resourcesDir: string | undefined,
  log: (line: string) => void,
): Promise<BundledRootFact[] | undefined> {
  if (!resourcesDir) return undefined;
  try {
    const { roots, unavailable } = await loadBundledRoots(resourcesDir);
    return [
      ...roots.map((root) => ({
        name: root.name,
        available: true,
        notAfter: root.notAfter.toISOString(),
        expired: root.expired,
      })),
      ...unavailable.map((root) => ({ name: root.name, available: false, expired: false })),
    ];
  } catch (error) {
    log(`[config] the linter runs without the bundled roots: ${(error as Error).message}`);
    return undefined;
  }
}

export function engineLint(facts: {
  certificates: () => CertificateListing;
  bundledRoots: BundledRootFact[] | undefined;
  now: () => Date;
}): LintConfig {
  return (config) =>
    lintConfig(config, {
      certificates: facts.certificates(),
      ...(facts.bundledRoots ? { bundledRoots: facts.bundledRoots } : {}),
      now: facts.now(),
      // The media relay is its own issue; until it lands this engine passes no media between legs.
      mediaRelay: false,
    });
}
