// Every word of the Configuration page. German in strings.de.ts; keys must match (tested).
import { fieldLabelsEn } from './fieldLabels.ts';

export const en = {
  title: 'Configuration',
  intro:
    'Edit an engine configuration section by section. Every problem is shown at its field and in the list below; your draft is kept as you type.',
  changed: 'Changed',
  draftSaved: 'Draft kept at {{time}}',
  restore: {
    body: 'An unsaved draft "{{name}}" from {{time}} is still here. Passwords typed into it were not kept.',
    restore: 'Restore draft',
    discard: 'Discard',
  },
  toolbar: {
    label: 'Configuration file',
    new: 'New',
    open: 'Open file…',
    save: 'Save file',
    undo: 'Undo (Ctrl+Z)',
    redo: 'Redo (Ctrl+Y)',
    apply: 'Apply to {{engine}}…',
    history: 'History…',
  },
  file: {
    unreadable: '{{name}} cannot be opened: {{reason}}.',
    secretWarning:
      'This configuration holds a password in plain text. A saved file will contain it: keep the file safe, or clear the password before saving.',
  },
  sections: { label: 'Configuration sections' },
  newConfirm: {
    title: 'Start a new configuration?',
    confirm: 'Start new',
    body: 'Your changes to the current configuration are dropped (save the file first to keep them).',
  },
  problems: {
    none: 'No problems found.',
    title_one: '{{count}} problem',
    title_other: '{{count}} problems',
    wholeConfig: '(whole configuration)',
    more: '… and {{count}} more.',
    fix: 'Fix: {{title}}',
  },
  severity: { error: 'Error', warning: 'Warning', info: 'Note' },
  editor: {
    notSet: 'not set (default)',
    useDefault: 'Use default',
    kind: 'Kind',
    choose: 'Choose…',
    secretSet: 'Set (hidden)',
    changeSecret: 'Change',
    count_one: '{{count}} entry',
    count_other: '{{count}} entries',
    add: 'Add to {{what}}',
    moveUp: 'Move {{label}} up',
    moveDown: 'Move {{label}} down',
    remove: 'Remove {{label}}',
  },
  tester: {
    title: 'Number tester',
    intro: 'Type a number to see which rules match, what each makes of it and where the call goes.',
    source: 'Call comes from',
    anySource: 'any connection',
    called: 'Called number',
    calling: 'Calling number',
    fixFirst: 'Fix the problems above first: the tester runs only a configuration that validates.',
    step: 'Rule "{{rule}}": {{before}} → {{after}}',
    toConnection: 'Goes to connection "{{id}}"',
    toGroup: 'Goes to failover group "{{id}}"',
    from: 'from',
    emergency: 'emergency call',
  },
  engineBar: {
    none: 'No engine is connected: edit a file offline, or log in to an engine on the Engines page to edit and apply its configuration.',
    engine: 'Engine',
    load: 'Load its configuration',
    replaceTitle: 'Replace your draft?',
    replaceBody:
      'Loading the engine configuration replaces the draft you changed here (save it as a file first to keep it).',
  },
  applied: {
    done: 'Version {{version}} is in effect. Sockets opened: {{opened}}; closed: {{closed}}.',
    onTrial:
      'Version {{version}} runs on trial. Sockets opened: {{opened}}; closed: {{closed}}. Confirm it below, or the engine goes back by itself.',
    confirmed: 'Version {{version}} is confirmed and stays in effect.',
    reverted:
      'The trial was not confirmed in time: the engine went back to version {{version}}. Your edits are still here.',
    rolledBack: 'Rolled back: the editor shows the configuration now in effect.',
  },
  apply: {
    title: 'Apply to {{engine}}',
    nothing: 'Nothing changed compared with the configuration on the engine.',
    lintErrors_one:
      'The linter found {{count}} error that would break calls. Fix it, or give a reason to apply anyway.',
    lintErrors_other:
      'The linter found {{count}} errors that would break calls. Fix them, or give a reason to apply anyway.',
    lintWarnings_one: 'The linter found {{count}} warning; see the problems list.',
    lintWarnings_other: 'The linter found {{count}} warnings; see the problems list.',
    overrideReason: 'Reason to apply despite the errors',
    overrideHint: 'Kept in the history and in the engine log.',
    comment: 'What is this change for?',
    commentHint: 'Shown in the history, e.g. "Teams 3 added".',
    withConfirm: 'Apply with confirmation within',
    seconds: 'Seconds to confirm',
    secondsUnit: 'seconds',
    confirmExplained:
      'The engine runs the new configuration and goes back by itself unless you confirm in time, so a change that cuts you off undoes itself.',
    noConfirmExplained:
      'The new configuration stays in effect at once, without a way back except a rollback.',
    cancel: 'Cancel',
    submit: 'Apply',
  },
  diff: {
    count_one: '{{count}} change',
    count_other: '{{count}} changes',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    secret: 'a secret: its value is not shown',
  },
  pending: {
    title: 'Version {{version}} runs on trial',
    body: 'Confirm within {{clock}}, or the engine goes back to version {{revertTo}} by itself.',
    confirm: 'Confirm',
  },
  history: {
    title: 'Configuration history',
    version: 'Version',
    when: 'When',
    who: 'Who',
    why: 'Why',
    actions: 'Actions',
    current: 'in effect',
    override: 'applied despite lint errors: {{reason}}',
    changes: 'Changes since',
    rollback: 'Roll back…',
    diffTitle: 'From version {{from}} to version {{to}}',
    rollbackTo: 'Roll back to version {{version}}',
    defaultComment: 'Rollback to version {{version}}',
    close: 'Close',
  },
  profiles: {
    open: 'Add from profile…',
    title: 'Add a connection from a provider profile',
    titleFor: 'Add {{name}}',
    loading: 'Loading the profiles…',
    legacy: 'Legacy',
    confirmTitle_one: '{{count}} value to confirm with your provider',
    confirmTitle_other: '{{count}} values to confirm with your provider',
    confidence: { likely: 'likely', check: 'check' },
    first: 'First number, e.g. +493012345600',
    last: 'Last number, e.g. +493012345699',
    cancel: 'Cancel',
    back: 'Back',
    add: 'Add to the draft',
  },
  powershell: {
    open: 'Teams PowerShell…',
    title: 'Pair this SBC with Microsoft Teams',
    intro:
      'Run this in a PowerShell session connected to your tenant (Connect-MicrosoftTeams). It pairs {{gateway}}.',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyRefused: 'The browser did not allow copying: select the text and copy it yourself.',
    close: 'Close',
  },
  archive: {
    from: 'from archive {{name}}',
    save: 'Save as new archive',
    saved: 'Saved as the new archive {{name}} in the backups folder; the original is unchanged.',
    missing:
      'The new archive holds no secrets (the original was opened without its passphrase). A restore from it will need these typed again: {{list}}.',
  },
  fields: fieldLabelsEn,
};

import { de } from './strings.de.ts';

export { de };
export const strings = { en, de };
