// What the dashboard derives for display: badge colours, numbers with units, which issues have
// their own translation, and which events become notifications.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  badgeColor,
  fewerDays,
  formatDays,
  formatRtt,
  issueText,
  newEvents,
  TRANSLATED_ISSUES,
  type HealthEvent,
} from '../../../../../renderer/pages/health/healthViewModel.ts';
import { en } from '../../../../../renderer/pages/health/strings.ts';

const event = (seq: number): HealthEvent => ({
  seq,
  at: '',
  kind: 'connection-down',
  engineId: 'e',
  connectionId: 'c',
  title: 't',
  body: 'b',
  values: {},
});

it('colours states as traffic lights', () => {
  assert.equal(badgeColor('ok'), 'success');
  assert.equal(badgeColor('warning'), 'warning');
  assert.equal(badgeColor('down'), 'danger');
  assert.equal(badgeColor('critical'), 'danger');
  assert.equal(badgeColor('unknown'), 'informative');
});

it('formats round trips and days, with a dash for nothing known', () => {
  assert.equal(formatRtt(null), '–');
  assert.equal(formatRtt(3.25), '3.3 ms');
  assert.equal(formatRtt(41.6), '42 ms');
  assert.equal(formatDays(29.9), '29');
  assert.equal(fewerDays(null, 5), 5);
  assert.equal(fewerDays(40, 12), 12);
  assert.equal(fewerDays(null, null), null);
});

it('every translated issue code has a cause and a fix in the strings; others keep the service sentence', () => {
  for (const code of TRANSLATED_ISSUES) {
    const text = issueText({ code, severity: 'warning', cause: 'c', fix: 'f', values: {} });
    assert.equal(text.causeKey, `issue.${code}.cause`);
    assert.ok(en.issue[code].cause && en.issue[code].fix, code);
  }
  assert.equal(issueText({ code: 'PROBE_TLS_UNKNOWN_CA', severity: 'critical', cause: 'c', fix: 'f', values: {} }).causeKey, null); // prettier-ignore
});

it('notifies only events after the first read, each once', () => {
  const first = newEvents([event(1), event(2)], undefined);
  assert.deepEqual(first.show, [], 'what happened before the window opened is not a popup');
  assert.equal(first.lastSeen, 2);
  const second = newEvents([event(1), event(2), event(3)], first.lastSeen);
  assert.deepEqual(
    second.show.map((e) => e.seq),
    [3],
  );
  assert.deepEqual(newEvents([event(1), event(2), event(3)], second.lastSeen).show, []);
});
