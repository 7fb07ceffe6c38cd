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
  fields: fieldLabelsEn,
};

import { de } from './strings.de.ts';

export { de };
export const strings = { en, de };
