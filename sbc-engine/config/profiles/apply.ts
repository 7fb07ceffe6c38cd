// Adds what a provider profile describes to a config: its connections, failover group, TLS
// profile, routes and listener, with ids made unique against what is already there. Pure: the
// config passed in is not changed. Every value the profile chose (rather than the admin) is listed
// with its confidence and source, so the UI can ask the admin to confirm what is not certain.
import type { Config } from '../schema/config.ts';
import { parseConfig } from '../schema/parse.ts';
import { DEFAULT_TLS_PROFILE_ID } from '../schema/voip.ts';
import { checkAnswers, renderTemplate, type AnswerValue } from './answers.ts';
import { parseConfigPath, setAtPath } from './config-path.ts';
import {
  TEMPLATE_PLACEHOLDER,
  type Confidence,
  type FixedSetting,
  type Profile,
  type Setting,
  type Source,
  type TemplateSetting,
} from './profile-schema.ts';

/** A value the profile filled in, where it landed in the config, and how sure it is. */
export interface DefaultUsed {
  /** Path in the resulting config, e.g. "connections[3].targets[0].host". */
  path: string;
  value: unknown;
  confidence: Confidence;
  sourceId: string;
  source: Source;
  note?: string;
  /** Set when the value is a question's default (the admin left the question empty). */
  question?: string;
}

export interface ResolvedNote {
  text: string;
  confidence: Confidence;
  sourceId: string;
  source: Source;
}

export interface ApplyError {
  /** The question whose answer is at fault, when it is one. */
  question?: string;
  /** The config path at fault, when the problem is in the resulting config. */
  path?: string;
  message: string;
}

export interface AddedParts {
  connections: string[];
  failoverGroups: string[];
  tlsProfiles: string[];
  routes: string[];
  /** Indexes into voip.listeners of listeners added or changed. */
  listeners: number[];
}

export type ApplyResult =
  | {
      ok: true;
      config: Config;
      added: AddedParts;
      defaults: DefaultUsed[];
      notes: ResolvedNote[];
      /** The legacy warning, shown before anything is applied. */
      warning: string | null;
    }
  | { ok: false; errors: ApplyError[] };

/** Where a value not written in the profile file comes from: SBC Studio's own choice. */
export const STUDIO_SOURCE_ID = 'sbc-studio';
const STUDIO_SOURCE: Source = {
  document: 'SBC Studio',
  where: 'the config\'s "default" TLS profile, used for TLS targets when a profile brings none of its own',
};

type Json = Record<string, unknown>;
type Evaluated = { value: unknown; used: Omit<DefaultUsed, 'path'> | null } | { error: ApplyError };

export function applyProfile(
  config: Config,
  profile: Profile,
  answers: Readonly<Record<string, unknown>>,
): ApplyResult {
  const checked = checkAnswers(profile, answers);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const values = checked.values;
  const defaultedBy = new Map(checked.defaulted.map((entry) => [entry.question, entry.setting]));
  const draft = structuredClone(config) as Config;
  const defaults: DefaultUsed[] = [];
  const notes: ResolvedNote[] = profile.notes.map((note) => ({
    text: note.text,
    confidence: note.confidence,
    sourceId: note.source,
    source: profile.sources[note.source]!,
  }));
  const errors: ApplyError[] = [];
  const added: AddedParts = {
    connections: [],
    failoverGroups: [],
    tlsProfiles: [],
    routes: [],
    listeners: [],
  };

  const described = (setting: FixedSetting | TemplateSetting, value: unknown, question?: string) => ({
    value,
    confidence: setting.confidence,
    sourceId: setting.source,
    source: profile.sources[setting.source]!,
    ...(setting.note ? { note: setting.note } : {}),
    ...(question ? { question } : {}),
  });
  const evaluate = (setting: Setting): Evaluated => {
    if ('answer' in setting) {
      const value: AnswerValue | undefined = values[setting.answer];
      const byDefault = defaultedBy.get(setting.answer);
      return { value, used: byDefault ? described(byDefault, value, setting.answer) : null };
    }
    if ('template' in setting) {
      const text = renderTemplate(setting.template, values);
      if (text === null) {
        const missing = [...setting.template.matchAll(TEMPLATE_PLACEHOLDER)].find(
          (m) => values[m[1]!] == null,
        );
        return {
          error: { question: missing?.[1], message: `needs an answer to build "${setting.template}"` },
        };
      }
      return { value: text, used: described(setting, text) };
    }
    return { value: structuredClone(setting.value), used: described(setting, setting.value) };
  };
  const fill = (target: Json, settings: Record<string, Setting>, base: string) => {
    for (const [relative, setting] of Object.entries(settings)) {
      const parsed = parseConfigPath(relative);
      const result = evaluate(setting);
      if ('error' in result) {
        errors.push(result.error);
        continue;
      }
      const set = parsed.ok ? setAtPath(target, parsed.keys, result.value) : null;
      if (!set?.ok) {
        errors.push({
          path: `${base}.${relative}`,
          message: `the profile "${profile.id}" cannot fill this path`,
        });
        continue;
      }
      if (result.used) defaults.push({ path: `${base}.${relative}`, ...result.used });
    }
  };

  const suffix = pickSuffix(draft, profile);
  const unique = (key: string) => idWithSuffix(key, suffix);
  const rename = (part: Json) => {
    if (suffix > 1 && typeof part.name === 'string') part.name = `${part.name} (${suffix})`.slice(0, 128);
  };
  const tlsIds = new Map(profile.tlsProfiles.map((part) => [part.key, unique(part.key)]));
  const connectionIds = new Map(profile.connections.map((part) => [part.key, unique(part.key)]));
  const groupIds = new Map(profile.failoverGroups.map((part) => [part.key, unique(part.key)]));

  for (const part of profile.tlsProfiles) {
    const tls: Json = { id: tlsIds.get(part.key)! };
    fill(tls, part.settings, `tlsProfiles[${draft.tlsProfiles.length}]`);
    rename(tls);
    draft.tlsProfiles.push(tls as Config['tlsProfiles'][number]);
    added.tlsProfiles.push(tls.id as string);
  }

  for (const part of profile.connections) {
    const index = draft.connections.length;
    const connection: Json = { id: connectionIds.get(part.key)!, profile: profile.id };
    fill(connection, part.settings, `connections[${index}]`);
    rename(connection);
    const targets = Array.isArray(connection.targets) ? (connection.targets as Json[]) : [];
    if (part.tlsProfile !== undefined) connection.tlsProfile = tlsIds.get(part.tlsProfile)!;
    else if (
      targets.some((target) => target.transport === 'tls') &&
      draft.tlsProfiles.some((tls) => tls.id === DEFAULT_TLS_PROFILE_ID)
    ) {
      connection.tlsProfile = DEFAULT_TLS_PROFILE_ID;
      defaults.push({
        path: `connections[${index}].tlsProfile`,
        value: DEFAULT_TLS_PROFILE_ID,
        confidence: 'check',
        sourceId: STUDIO_SOURCE_ID,
        source: STUDIO_SOURCE,
        note: 'choose the TLS profile that trusts this peer and presents the right certificate',
      });
    }
    draft.connections.push(connection as Config['connections'][number]);
    added.connections.push(connection.id as string);
  }

  for (const part of profile.failoverGroups) {
    const index = draft.failoverGroups.length;
    const members = part.members.map((key) => connectionIds.get(key)!);
    const group: Json = { id: groupIds.get(part.key)!, members };
    fill(group, part.settings, `failoverGroups[${index}]`);
    rename(group);
    draft.failoverGroups.push(group as Config['failoverGroups'][number]);
    added.failoverGroups.push(group.id as string);
    defaults.push({
      path: `failoverGroups[${index}].members`,
      value: members,
      confidence: part.confidence,
      sourceId: part.source,
      source: profile.sources[part.source]!,
    });
  }

  const newRoutes: { route: Json; part: Profile['routes'][number] }[] = [];
  for (const part of profile.routes) {
    const route: Json = {
      id: unique(part.key),
      sourceConnections: part.sourceConnections.map((key) => connectionIds.get(key)!),
      target:
        'connection' in part.target
          ? { connection: connectionIds.get(part.target.connection)! }
          : { failoverGroup: groupIds.get(part.target.failoverGroup)! },
    };
    // The route's place is known only after insertion: its settings are recorded under a token first.
    fill(route, part.settings, `routes[#${newRoutes.length}]`);
    // Emergency rules go before the first ordinary rule, so no catch-all can take 110/112 first.
    const at = route.emergency === true ? draft.routes.findIndex((existing) => !existing.emergency) : -1;
    if (at === -1) draft.routes.push(route as Config['routes'][number]);
    else draft.routes.splice(at, 0, route as Config['routes'][number]);
    newRoutes.push({ route, part });
    added.routes.push(route.id as string);
  }
  newRoutes.forEach(({ route, part }, k) => {
    const index = draft.routes.indexOf(route as Config['routes'][number]);
    const token = `routes[#${k}]`;
    for (const entry of defaults) {
      if (entry.path.startsWith(token)) entry.path = `routes[${index}]${entry.path.slice(token.length)}`;
    }
    defaults.push({
      path: `routes[${index}]`,
      value: { sourceConnections: route.sourceConnections, target: route.target },
      confidence: part.confidence,
      sourceId: part.source,
      source: profile.sources[part.source]!,
    });
  });

  applySbc(profile, draft, evaluate, tlsIds, defaults, notes, errors, added);

  if (errors.length) return { ok: false, errors };
  const parsed = parseConfig(draft);
  if (!parsed.ok)
    return {
      ok: false,
      errors: parsed.errors.map((error) => ({ path: error.path, message: error.message })),
    };
  return {
    ok: true,
    config: parsed.config,
    added,
    defaults,
    notes,
    warning: profile.status.state === 'legacy' ? profile.status.warning : null,
  };
}

/** The SBC's FQDN and the listener peers connect to (Teams pairs the SBC by both). */
function applySbc(
  profile: Profile,
  draft: Config,
  evaluate: (setting: Setting) => Evaluated,
  tlsIds: Map<string, string>,
  defaults: DefaultUsed[],
  notes: ResolvedNote[],
  errors: ApplyError[],
  added: AddedParts,
): void {
  const sbc = profile.sbc;
  if (sbc?.fqdn) {
    const result = evaluate(sbc.fqdn);
    const question = 'answer' in sbc.fqdn ? sbc.fqdn.answer : undefined;
    if ('error' in result) errors.push(result.error);
    else if (typeof result.value === 'string') {
      const existing = draft.system.fqdn;
      if (existing === null) {
        draft.system.fqdn = result.value;
        if (result.used) defaults.push({ path: 'system.fqdn', ...result.used });
      } else if (existing.toLowerCase() !== result.value.toLowerCase()) {
        errors.push({
          question,
          message: `the config already names this SBC "${existing}" (system.fqdn); an SBC has one FQDN: answer "${existing}", or change system.fqdn first`,
        });
      }
    }
  }
  const wanted = sbc?.listener;
  if (!wanted) return;
  const result = evaluate(wanted.port);
  if ('error' in result) return void errors.push(result.error);
  const port = result.value as number;
  const tlsProfile = wanted.tlsProfile === undefined ? null : tlsIds.get(wanted.tlsProfile)!;
  const why = {
    confidence: wanted.confidence,
    sourceId: wanted.source,
    source: profile.sources[wanted.source]!,
  };
  const listeners = draft.voip.listeners;
  const index = listeners.findIndex((l) => l.transport === wanted.transport && l.port === port);
  if (index === -1) {
    listeners.push({ transport: wanted.transport, address: '0.0.0.0', port, tlsProfile });
    added.listeners.push(listeners.length - 1);
    defaults.push({ path: `voip.listeners[${listeners.length - 1}]`, value: listeners.at(-1), ...why });
    if (result.used) defaults.push({ path: `voip.listeners[${listeners.length - 1}].port`, ...result.used });
    return;
  }
  const existing = listeners[index]!;
  if (result.used) defaults.push({ path: `voip.listeners[${index}].port`, ...result.used });
  if (tlsProfile === null || existing.tlsProfile === tlsProfile) return;
  if (existing.tlsProfile === DEFAULT_TLS_PROFILE_ID) {
    // The untouched default listener presents the management certificate; the peer needs the SBC's.
    existing.tlsProfile = tlsProfile;
    added.listeners.push(index);
    defaults.push({ path: `voip.listeners[${index}].tlsProfile`, value: tlsProfile, ...why });
  } else {
    notes.push({
      text: `voip.listeners[${index}] already listens on ${wanted.transport.toUpperCase()} port ${port} with the TLS profile "${existing.tlsProfile}": make sure it presents a certificate for the SBC FQDN and trusts this peer's roots`,
      ...why,
      confidence: 'check',
    });
  }
}

/** The smallest n for which every new id (key, or key-n) is free in its section. */
function pickSuffix(config: Config, profile: Profile): number {
  const taken = {
    tls: new Set(config.tlsProfiles.map((x) => x.id)),
    connections: new Set(config.connections.map((x) => x.id)),
    groups: new Set(config.failoverGroups.map((x) => x.id)),
    routes: new Set(config.routes.map((x) => x.id)),
  };
  const limit = 10000;
  for (let n = 1; n < limit; n++) {
    const free = (keys: { key: string }[], ids: Set<string>) =>
      keys.every((part) => !ids.has(idWithSuffix(part.key, n)));
    if (
      free(profile.tlsProfiles, taken.tls) &&
      free(profile.connections, taken.connections) &&
      free(profile.failoverGroups, taken.groups) &&
      free(profile.routes, taken.routes)
    )
      return n;
  }
  // Unreachable with the schema's section limits (at most 1000 connections), but bounded anyway.
  return limit;
}

function idWithSuffix(key: string, n: number): string {
  if (n === 1) return key;
  const tail = `-${n}`;
  return `${key.slice(0, 64 - tail.length).replace(/-+$/, '')}${tail}`;
}
