// The shell's words: navigation, placeholders for pages that later releases fill, language switch.
export const en = {
  appName: 'SBC Studio',
  renderError: 'This part of the page could not be shown. Your draft is safe; please report this message:',
  loading: 'Loading…',
  common: { cancel: 'Cancel', close: 'Close' },
  nav: {
    label: 'Main navigation',
    engines: 'Engines',
    configuration: 'Configuration',
    certificates: 'Certificates',
    health: 'Health',
    syslog: 'Syslog',
    operations: 'Operations',
    backups: 'Backups',
  },
  notAvailable: {
    title: 'Not available yet',
    body: '{{page}} arrives with a later release of SBC Studio. Nothing on this page works yet.',
    next: 'Meanwhile, set up and log in to your engines on the Engines page.',
    goToEngines: 'Go to Engines',
  },
  language: {
    label: 'Language',
    en: 'English',
    de: 'Deutsch',
    saveFailed: 'The language could not be saved; it applies until SBC Studio restarts.',
  },
};

export const de: typeof en = {
  appName: 'SBC Studio',
  renderError:
    'Dieser Teil der Seite konnte nicht angezeigt werden. Ihr Entwurf ist sicher; bitte melden Sie diese Meldung:',
  loading: 'Wird geladen…',
  common: { cancel: 'Abbrechen', close: 'Schließen' },
  nav: {
    label: 'Hauptnavigation',
    engines: 'Engines',
    configuration: 'Konfiguration',
    certificates: 'Zertifikate',
    health: 'Zustand',
    syslog: 'Syslog',
    operations: 'Betrieb',
    backups: 'Sicherungen',
  },
  notAvailable: {
    title: 'Noch nicht verfügbar',
    body: '{{page}} kommt mit einer späteren Version von SBC Studio. Auf dieser Seite funktioniert noch nichts.',
    next: 'Richten Sie bis dahin Ihre Engines auf der Seite „Engines“ ein und melden Sie sich dort an.',
    goToEngines: 'Zu den Engines',
  },
  language: {
    label: 'Sprache',
    en: 'English',
    de: 'Deutsch',
    saveFailed:
      'Die Sprache konnte nicht gespeichert werden; sie gilt bis zum nächsten Start von SBC Studio.',
  },
};

export const strings = { en, de };
