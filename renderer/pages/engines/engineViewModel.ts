// What the Engines page shows for an engine, decided from its state alone, so the rules
// (which badge, which actions, which panel) are tested without rendering anything.
import type { EngineState, EngineView } from '../../../electron/api/contract.ts';

export type BadgeColor = 'informative' | 'warning' | 'success' | 'danger' | 'subtle' | 'important';

export interface EngineBadge {
  /** Key in the 'engines' namespace. */
  labelKey: string;
  color: BadgeColor;
}

const BADGES: Record<EngineState, BadgeColor> = {
  unprovisioned: 'informative',
  'needs-login': 'warning',
  connected: 'success',
  unreachable: 'danger',
  // A changed certificate can be an attack: it must stand out more than a plain outage.
  'certificate-changed': 'important',
  starting: 'subtle',
};

export function badgeFor(state: EngineState): EngineBadge {
  return { labelKey: `badge.${state}`, color: BADGES[state] };
}

export type DetailPanel = 'setup' | 'login' | 'identity' | 'unreachable' | 'certificate-changed' | 'starting';

const PANELS: Record<EngineState, DetailPanel> = {
  unprovisioned: 'setup',
  'needs-login': 'login',
  connected: 'identity',
  unreachable: 'unreachable',
  'certificate-changed': 'certificate-changed',
  starting: 'starting',
};

export function panelFor(state: EngineState): DetailPanel {
  return PANELS[state];
}

export type EngineAction =
  | 'setUp'
  | 'logIn'
  | 'logOut'
  | 'changePassword'
  | 'retry'
  | 'startBundled'
  | 'stopBundled'
  | 'trustNewCertificate'
  | 'remove';

/** The actions offered for an engine, in the order they are shown. */
export function actionsFor(engine: Pick<EngineView, 'state' | 'bundled'>): EngineAction[] {
  const actions: EngineAction[] = [];
  switch (engine.state) {
    case 'unprovisioned':
      actions.push('setUp');
      break;
    case 'needs-login':
      actions.push('logIn');
      break;
    case 'connected':
      actions.push('logOut', 'changePassword');
      break;
    case 'unreachable':
      actions.push('retry');
      if (engine.bundled) actions.push('startBundled');
      break;
    case 'certificate-changed':
      actions.push('trustNewCertificate');
      break;
    case 'starting':
      break;
  }
  // A stopped bundled engine cannot be stopped again; one that is starting may hang, so allow it.
  if (engine.bundled && engine.state !== 'unreachable') actions.push('stopBundled');
  // The bundled engine is part of the app: it is stopped, never removed from the list.
  if (!engine.bundled) actions.push('remove');
  return actions;
}

/** The bundled engine first, then by name, as the service also sorts them. */
export function sortEngines<T extends Pick<EngineView, 'bundled' | 'name'>>(engines: readonly T[]): T[] {
  return [...engines].sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.name.localeCompare(b.name));
}

/** Keeps the selection while the engine is listed; otherwise selects the first one. */
export function keepSelection(
  engines: readonly Pick<EngineView, 'id'>[],
  selectedId: string | undefined,
): string | undefined {
  if (selectedId && engines.some((engine) => engine.id === selectedId)) return selectedId;
  return engines[0]?.id;
}

/** The bundled engine goes by the translated "Bundled engine"; others by their own name. */
export function displayName(engine: Pick<EngineView, 'bundled' | 'name'>, bundledLabel: string): string {
  return engine.bundled ? bundledLabel : engine.name;
}

/** Replaces one engine in the list after an action returned its new view. */
export function replaceEngine(engines: readonly EngineView[], updated: EngineView): EngineView[] {
  const found = engines.some((engine) => engine.id === updated.id);
  return sortEngines(found ? engines.map((e) => (e.id === updated.id ? updated : e)) : [...engines, updated]);
}
