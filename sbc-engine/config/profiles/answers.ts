// The admin's answers to a profile's questions: checked against each question's type, turned into
// config values, and completed with the question's default where none was given. Every error names
// the question id, as the CLI's --answer and the wizard's fields do.
import { isFqdn, isHostname, parseIpAddress } from '../schema/ip-address.ts';
import { NumberBlock } from '../schema/connections.ts';
import { E164_TEXT } from '../schema/primitives.ts';
import { Secret } from '../schema/secret.ts';
import {
  TEMPLATE_PLACEHOLDER,
  type FixedSetting,
  type Profile,
  type Question,
  type TemplateSetting,
} from './profile-schema.ts';

export type AnswerValue = string | number | { first: string; last: string } | null;

export interface AnswerError {
  question: string;
  message: string;
}

/** A question answered by its default, which carries the default's confidence and source. */
export interface DefaultAnswer {
  question: string;
  setting: FixedSetting | TemplateSetting;
}

export type AnswersResult =
  | { ok: true; values: Record<string, AnswerValue>; defaulted: DefaultAnswer[] }
  | { ok: false; errors: AnswerError[] };

const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Checks one answer; `given` may be a string (CLI, form field) or an already typed value. */
export function checkAnswer(
  question: Question,
  given: unknown,
): { ok: true; value: AnswerValue } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const text = typeof given === 'string' ? (question.type === 'secret' ? given : given.trim()) : null;
  switch (question.type) {
    case 'secret': {
      const parsed = Secret.safeParse(given);
      return parsed.success ? { ok: true, value: parsed.data } : fail(parsed.error.issues[0]!.message);
    }
    case 'text':
      if (text === null || text === '') return fail('expected text');
      if (text.length > 128) return fail('at most 128 characters');
      if (CONTROL.test(text)) return fail('must be one line without control characters');
      return { ok: true, value: text };
    case 'fqdn':
      return text !== null && isFqdn(text)
        ? { ok: true, value: text.toLowerCase() }
        : fail('expected a fully qualified domain name such as sbc.example.com');
    case 'host':
      return text !== null && (isHostname(text) || parseIpAddress(text) !== null)
        ? { ok: true, value: text }
        : fail('expected a host name such as pbx.example.com or an IP address (IPv6 without brackets)');
    case 'dns-label':
      return text !== null && DNS_LABEL.test(text)
        ? { ok: true, value: text }
        : fail('expected one DNS label: letters, digits and dashes, at most 63, no dots');
    case 'port':
    case 'integer': {
      const number =
        typeof given === 'number' ? given : text !== null && /^\d{1,9}$/.test(text) ? Number(text) : NaN;
      const [min, max] =
        question.type === 'port' ? [1, 65535] : [question.min ?? 0, question.max ?? 2 ** 31 - 1];
      return Number.isInteger(number) && number >= min && number <= max
        ? { ok: true, value: number }
        : fail(`expected a whole number from ${min} to ${max}`);
    }
    case 'e164':
      return text !== null && E164_TEXT.test(text)
        ? { ok: true, value: text }
        : fail('expected an E.164 number with its plus, such as +4930123456');
    case 'number-block': {
      let block: unknown = given;
      if (text !== null) {
        const parts = text.split(/\s*(?:\.\.|-)\s*(?=\+)/);
        if (parts.length !== 2) return fail('expected FIRST-LAST, e.g. +493012345600-+493012345699');
        block = { first: parts[0], last: parts[1] };
      }
      const parsed = NumberBlock.safeParse(block);
      if (parsed.success) return { ok: true, value: parsed.data };
      const issue = parsed.error.issues[0]!;
      return fail(`${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    }
    case 'choice': {
      const values = question.choices!.map((choice) => choice.value);
      return text !== null && values.includes(text)
        ? { ok: true, value: text }
        : fail(`expected one of: ${values.join(', ')}`);
    }
  }
}

/** Fills `{{questionId}}` placeholders; null when one has no answer. */
export function renderTemplate(template: string, values: Record<string, AnswerValue>): string | null {
  let missing = false;
  const text = template.replace(TEMPLATE_PLACEHOLDER, (_, id: string) => {
    const value = values[id];
    if (typeof value !== 'string' && typeof value !== 'number') {
      missing = true;
      return '';
    }
    return String(value);
  });
  return missing ? null : text;
}

/** Validates `given` (question id → answer) against the profile's questions. */
export function checkAnswers(profile: Profile, given: Readonly<Record<string, unknown>>): AnswersResult {
  const errors: AnswerError[] = [];
  const values: Record<string, AnswerValue> = {};
  const defaulted: DefaultAnswer[] = [];
  const known = new Set(profile.questions.map((question) => question.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) {
      const asks = profile.questions.map((question) => question.id).join(', ') || 'nothing';
      errors.push({
        question: id,
        message: `the profile "${profile.id}" asks no such question (it asks: ${asks})`,
      });
    }
  }
  const pendingTemplates: Question[] = [];
  for (const question of profile.questions) {
    const raw = Object.hasOwn(given, question.id) ? given[question.id] : undefined;
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (!empty) {
      const checked = checkAnswer(question, raw);
      if (checked.ok) values[question.id] = checked.value;
      else errors.push({ question: question.id, message: `${question.label}: ${checked.message}` });
    } else if (question.default && 'value' in question.default) {
      values[question.id] = question.default.value as AnswerValue;
      defaulted.push({ question: question.id, setting: question.default });
    } else if (question.default) {
      pendingTemplates.push(question);
    } else if (question.required) {
      errors.push({ question: question.id, message: `${question.label} is required: ${question.help}` });
    } else {
      values[question.id] = null;
    }
  }
  // Template defaults are built from other answers, so they come last.
  for (const question of pendingTemplates) {
    const setting = question.default as TemplateSetting;
    const needs = [...setting.template.matchAll(TEMPLATE_PLACEHOLDER)].map((match) => match[1]!);
    // An answer it is built from is wrong: that question's error says it already.
    if (needs.some((id) => errors.some((error) => error.question === id))) continue;
    const text = renderTemplate(setting.template, values);
    const checked = text === null ? null : checkAnswer(question, text);
    if (checked?.ok) {
      values[question.id] = checked.value;
      defaulted.push({ question: question.id, setting });
    } else if (question.required) {
      errors.push({ question: question.id, message: `${question.label} is required: ${question.help}` });
    } else {
      values[question.id] = null;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, values, defaulted };
}
