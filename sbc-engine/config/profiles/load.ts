// The one door to the provider profiles in resources/profiles/ (CONVENTIONS.md: "Resources are
// data loaded through one door"). This module stays free of Node so the renderer can validate a
// profile too: the caller hands in a reader for the folder. A profile that does not validate is
// refused with its file and field named, and one bad file refuses the whole set, as the CA bundle does.
import { formatPath, issuesToErrors } from '../schema/parse.ts';
import { checkAnswer } from './answers.ts';
import { ProfileFile, TEMPLATE_PLACEHOLDER, type Profile, type Setting } from './profile-schema.ts';

/** Folder inside resources/ that holds one JSON file per profile. */
export const PROFILES_FOLDER = 'profiles';

export class ProfileLoadError extends Error {
  readonly file: string;

  constructor(file: string, message: string) {
    super(`[config/profiles] ${file}: ${message}`);
    this.name = 'ProfileLoadError';
    this.file = file;
  }
}

/** Reads the profiles folder: file names, then each file's text. */
export interface ProfileReader {
  list(): Promise<string[]>;
  read(name: string): Promise<string>;
}

export interface ProfileCheckOptions {
  /** Names of the CA roots in resources/ca/index.json; when given, profiles may trust only these. */
  bundledRoots?: readonly string[];
}

const KIND_ORDER = ['carrier', 'teams', 'voicemail', 'pbx', 'custom'];

/** Loads and checks every `*.json` in the folder; the result is sorted by kind, then name. */
export async function loadProfiles(
  reader: ProfileReader,
  options: ProfileCheckOptions = {},
): Promise<Profile[]> {
  const names = (await reader.list()).filter((name) => name.endsWith('.json')).sort();
  if (names.length === 0) throw new ProfileLoadError(PROFILES_FOLDER, 'holds no profile (*.json) files');
  const profiles: Profile[] = [];
  for (const name of names) {
    const profile = parseProfileText(await reader.read(name), name, options);
    if (`${profile.id}.json` !== name) {
      throw new ProfileLoadError(
        name,
        `field "id": "${profile.id}" must match the file name (${profile.id}.json)`,
      );
    }
    profiles.push(profile);
  }
  return profiles.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}

/** Parses and checks one profile file's text; `file` names it in errors. */
export function parseProfileText(text: string, file: string, options: ProfileCheckOptions = {}): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProfileLoadError(file, `not valid JSON: ${(error as Error).message}`);
  }
  return checkProfile(json, file, options);
}

export function checkProfile(json: unknown, file: string, options: ProfileCheckOptions = {}): Profile {
  const parsed = ProfileFile.safeParse(json);
  if (!parsed.success) {
    const problems = issuesToErrors(parsed.error.issues).map(
      (error) => `${error.path ? `field "${error.path}"` : 'top level'}: ${error.message}`,
    );
    throw new ProfileLoadError(file, problems.join('; '));
  }
  const problems = findProblems(parsed.data, options);
  if (problems.length) throw new ProfileLoadError(file, problems.join('; '));
  return parsed.data;
}

/** What the schema cannot see: references between the parts of one profile. */
function findProblems(profile: Profile, options: ProfileCheckOptions): string[] {
  const problems: string[] = [];
  const field = (path: (string | number)[], message: string) =>
    problems.push(`field "${formatPath(path)}": ${message}`);
  const questions = new Map(profile.questions.map((question) => [question.id, question]));
  const usedSources = new Set<string>();

  const source = (id: string, path: (string | number)[]) => {
    usedSources.add(id);
    if (!Object.hasOwn(profile.sources, id))
      field(path, `names the source "${id}", which "sources" does not list`);
  };
  const setting = (value: Setting, path: (string | number)[]) => {
    if ('answer' in value) {
      if (!questions.has(value.answer))
        field([...path, 'answer'], `no question has the id "${value.answer}"`);
      return;
    }
    source(value.source, [...path, 'source']);
    if ('template' in value) {
      for (const match of value.template.matchAll(TEMPLATE_PLACEHOLDER)) {
        if (!questions.has(match[1]!)) field([...path, 'template'], `no question has the id "${match[1]}"`);
      }
    }
  };
  const unique = (section: string, keys: string[], what: string) => {
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        field([section, i, 'key'], `another ${what} already uses the key "${key}"`);
    });
  };

  unique(
    'questions',
    profile.questions.map((question) => question.id),
    'question',
  );
  profile.questions.forEach((question, i) => {
    if (!question.default) return;
    setting(question.default, ['questions', i, 'default']);
    if ('value' in question.default) {
      const checked = checkAnswer(question, question.default.value);
      if (!checked.ok) field(['questions', i, 'default', 'value'], checked.message);
    }
  });

  const tlsKeys = profile.tlsProfiles.map((part) => part.key);
  const connectionKeys = profile.connections.map((part) => part.key);
  const groupKeys = profile.failoverGroups.map((part) => part.key);
  unique('tlsProfiles', tlsKeys, 'TLS profile');
  unique('connections', connectionKeys, 'connection');
  unique('failoverGroups', groupKeys, 'failover group');
  unique(
    'routes',
    profile.routes.map((part) => part.key),
    'route',
  );
  const known = (keys: string[], key: string, what: string, path: (string | number)[]) => {
    if (!keys.includes(key)) field(path, `this profile has no ${what} with the key "${key}"`);
  };

  const roots = options.bundledRoots?.map((name) => name.trim().toLowerCase());
  profile.tlsProfiles.forEach((part, i) => {
    for (const [path, value] of Object.entries(part.settings)) {
      setting(value, ['tlsProfiles', i, 'settings', path]);
      const ref = 'value' in value ? (value.value as { source?: unknown; name?: unknown } | null) : null;
      if (
        roots &&
        path.startsWith('trustedCas') &&
        ref?.source === 'bundled' &&
        typeof ref.name === 'string'
      ) {
        if (!roots.includes(ref.name.trim().toLowerCase())) {
          field(
            ['tlsProfiles', i, 'settings', path, 'value', 'name'],
            `"${ref.name}" is not a root in resources/ca/index.json`,
          );
        }
      }
    }
  });
  profile.connections.forEach((part, i) => {
    for (const [path, value] of Object.entries(part.settings))
      setting(value, ['connections', i, 'settings', path]);
    if (part.tlsProfile !== undefined)
      known(tlsKeys, part.tlsProfile, 'TLS profile', ['connections', i, 'tlsProfile']);
  });
  profile.failoverGroups.forEach((part, i) => {
    for (const [path, value] of Object.entries(part.settings))
      setting(value, ['failoverGroups', i, 'settings', path]);
    source(part.source, ['failoverGroups', i, 'source']);
    part.members.forEach((member, j) =>
      known(connectionKeys, member, 'connection', ['failoverGroups', i, 'members', j]),
    );
  });
  profile.routes.forEach((part, i) => {
    for (const [path, value] of Object.entries(part.settings))
      setting(value, ['routes', i, 'settings', path]);
    source(part.source, ['routes', i, 'source']);
    part.sourceConnections.forEach((key, j) =>
      known(connectionKeys, key, 'connection', ['routes', i, 'sourceConnections', j]),
    );
    if ('connection' in part.target)
      known(connectionKeys, part.target.connection, 'connection', ['routes', i, 'target', 'connection']);
    else
      known(groupKeys, part.target.failoverGroup, 'failover group', ['routes', i, 'target', 'failoverGroup']);
  });
  if (profile.sbc?.fqdn) setting(profile.sbc.fqdn, ['sbc', 'fqdn']);
  const listener = profile.sbc?.listener;
  if (listener) {
    setting(listener.port, ['sbc', 'listener', 'port']);
    source(listener.source, ['sbc', 'listener', 'source']);
    if (listener.tlsProfile !== undefined)
      known(tlsKeys, listener.tlsProfile, 'TLS profile', ['sbc', 'listener', 'tlsProfile']);
    else if (listener.transport === 'tls')
      field(['sbc', 'listener', 'tlsProfile'], 'a TLS listener needs a TLS profile');
  }
  profile.notes.forEach((note, i) => source(note.source, ['notes', i, 'source']));
  for (const id of Object.keys(profile.sources)) {
    if (!usedSources.has(id)) field(['sources', id], 'is listed but no value or note cites it');
  }
  return problems;
}
