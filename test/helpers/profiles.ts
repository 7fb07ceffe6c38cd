// The provider profiles shipped in resources/profiles/, read the way the app reads them, and one
// set of sample answers per profile for tests that turn each profile into a config.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfiles, type Profile } from '../../sbc-engine/config/profiles/index.ts';

export const REPO_RESOURCES = join(import.meta.dirname, '..', '..', 'resources');
export const PROFILES_DIR = join(REPO_RESOURCES, 'profiles');

export const SAMPLE_PASSWORD = 'Tel3k0m-pa55!';

/** Answers every profile accepts; ids absent here are left to the profile's defaults. */
export const SAMPLE_ANSWERS: Record<string, Record<string, string>> = {
  'telekom-deutschlandlan-sip-trunk': {
    registrationNumber: '+4930123456',
    authUser: '551234567890',
    password: SAMPLE_PASSWORD,
    numberBlock: '+493012345600-+493012345699',
  },
  'telekom-companyflex': {
    registrationNumber: '+4930123456',
    companyFlexId: '1234567',
    password: SAMPLE_PASSWORD,
    numberBlock: '+493012345600-+493012345699',
  },
  'teams-direct-routing': { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: '30' },
  'teams-direct-routing-gcc-high': { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: '20' },
  'teams-direct-routing-dod': { sbcFqdn: 'sbc.contoso.com', maxConcurrentSessions: '20' },
  'exchange-online-um': { forwardingAddress: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.um.outlook.com' },
  'cisco-cucm': { pbxAddress: '10.0.0.21' },
  asterisk: { pbxAddress: '10.0.0.20', transport: 'tcp' },
  'custom-trunk': { address: 'sip.example.net', transport: 'udp' },
};

export function bundledRootNames(): string[] {
  const index = JSON.parse(readFileSync(join(REPO_RESOURCES, 'ca', 'index.json'), 'utf8')) as {
    roots: { name: string }[];
  };
  return index.roots.map((root) => root.name);
}

/** The raw JSON of each profile file, by file name. */
export function profileFiles(): Map<string, unknown> {
  const files = new Map<string, unknown>();
  for (const name of readdirSync(PROFILES_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    files.set(name, JSON.parse(readFileSync(join(PROFILES_DIR, name), 'utf8')));
  }
  return files;
}

export function bundledProfiles(): Promise<Profile[]> {
  return loadProfiles(
    {
      list: async () => readdirSync(PROFILES_DIR),
      read: async (name) => readFileSync(join(PROFILES_DIR, name), 'utf8'),
    },
    { bundledRoots: bundledRootNames() },
  );
}

/** A reader over files held in memory, for tests that break one on purpose. */
export function memoryReader(files: Record<string, string>) {
  return { list: async () => Object.keys(files), read: async (name: string) => files[name]! };
}
