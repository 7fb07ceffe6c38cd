// German words of the Configuration page (its own file to keep strings.ts short).
import { fieldLabelsDe } from './fieldLabels.ts';
import type { en } from './strings.ts';

export const de: typeof en = {
  title: 'Konfiguration',
  intro:
    'Bearbeiten Sie eine Engine-Konfiguration Abschnitt für Abschnitt. Jedes Problem steht an seinem Feld und in der Liste unten; Ihr Entwurf wird beim Tippen gesichert.',
  changed: 'Geändert',
  draftSaved: 'Entwurf gesichert um {{time}}',
  restore: {
    body: 'Ein nicht gespeicherter Entwurf „{{name}}“ vom {{time}} ist noch vorhanden. Darin eingegebene Kennwörter wurden nicht gesichert.',
    restore: 'Entwurf wiederherstellen',
    discard: 'Verwerfen',
  },
  toolbar: {
    label: 'Konfigurationsdatei',
    new: 'Neu',
    open: 'Datei öffnen…',
    save: 'Datei speichern',
    undo: 'Rückgängig (Strg+Z)',
    redo: 'Wiederholen (Strg+Y)',
  },
  file: {
    unreadable: '{{name}} kann nicht geöffnet werden: {{reason}}.',
    secretWarning:
      'Diese Konfiguration enthält ein Kennwort im Klartext. Eine gespeicherte Datei enthält es: Bewahren Sie die Datei sicher auf oder löschen Sie das Kennwort vor dem Speichern.',
  },
  sections: { label: 'Konfigurationsabschnitte' },
  newConfirm: {
    title: 'Neue Konfiguration beginnen?',
    confirm: 'Neu beginnen',
    body: 'Ihre Änderungen an der aktuellen Konfiguration gehen verloren (speichern Sie zuerst die Datei, um sie zu behalten).',
  },
  problems: {
    none: 'Keine Probleme gefunden.',
    title_one: '{{count}} Problem',
    title_other: '{{count}} Probleme',
    wholeConfig: '(gesamte Konfiguration)',
    more: '… und {{count}} weitere.',
  },
  severity: { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' },
  editor: {
    notSet: 'nicht gesetzt (Standard)',
    useDefault: 'Standard verwenden',
    kind: 'Art',
    choose: 'Auswählen…',
    secretSet: 'Gesetzt (verborgen)',
    changeSecret: 'Ändern',
    count_one: '{{count}} Eintrag',
    count_other: '{{count}} Einträge',
    add: 'Zu {{what}} hinzufügen',
    moveUp: '{{label}} nach oben',
    moveDown: '{{label}} nach unten',
    remove: '{{label}} entfernen',
  },
  tester: {
    title: 'Rufnummerntester',
    intro:
      'Geben Sie eine Nummer ein: Sie sehen, welche Regeln greifen, was jede daraus macht und wohin der Anruf geht.',
    source: 'Anruf kommt von',
    anySource: 'beliebiger Verbindung',
    called: 'Angerufene Nummer',
    calling: 'Anrufende Nummer',
    fixFirst: 'Beheben Sie zuerst die Probleme oben: Der Tester prüft nur eine gültige Konfiguration.',
    step: 'Regel „{{rule}}“: {{before}} → {{after}}',
    toConnection: 'Geht an Verbindung „{{id}}“',
    toGroup: 'Geht an Failover-Gruppe „{{id}}“',
    from: 'von',
    emergency: 'Notruf',
  },
  fields: fieldLabelsDe,
};
