// The format of a provider profile file (resources/profiles/<id>.json). A profile is data: the
// questions it asks the admin and the values it fills into the config, each value with how sure we
// are of it and where it comes from, so the UI can say "confirm with your provider" where it is not
// sure (shared/reference/providers.md sets the confidence scale).
import { z } from 'zod';
import { SipTransport, Slug } from '../schema/primitives.ts';

export const PROFILE_FORMAT_VERSION = 1;

/** sure: the provider's own documentation; likely: consistent second-hand sources; check: old or single source. */
export const CONFIDENCES = ['sure', 'likely', 'check'] as const;
export const Confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof Confidence>;

// No line breaks or other control characters: these texts end up in one-line UI labels and the CLI.
// eslint-disable-next-line no-control-regex
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f]+$/;
const Text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .regex(ONE_LINE, 'must be one line without control characters');

/** camelCase ids for questions ("sbcFqdn"), as they appear in --answer sbcFqdn=... */
export const QuestionId = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,47}$/, 'expected a camelCase id such as sbcFqdn');

/** Where a fact comes from: a line of providers.md, a seed document, an RFC or a vendor page. */
export const Source = z.strictObject({
  document: Text(200),
  where: Text(300),
  url: z.url({ protocol: /^https$/, error: 'expected an https:// address' }).optional(),
});
export type Source = z.infer<typeof Source>;

const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a source id such as providers-teams-proxies');

/** Placeholders `{{questionId}}` inside a template. */
export const TEMPLATE_PLACEHOLDER = /\{\{([A-Za-z0-9]+)\}\}/g;

/** A value the profile fills in, with its confidence and source. */
export const FixedSetting = z.strictObject({
  value: z.json(),
  confidence: Confidence,
  source: SourceId,
  /** Why this value, when the source alone does not say (shown beside it). */
  note: Text(300).optional(),
});
/** A text built from answers, e.g. "{{companyFlexId}}.primary.companyflex.de": the pattern is the fact. */
export const TemplateSetting = z.strictObject({
  template: Text(300).refine((text) => /\{\{[A-Za-z0-9]+\}\}/.test(text), 'names no {{question}}'),
  confidence: Confidence,
  source: SourceId,
  note: Text(300).optional(),
});
/** The admin's answer to a question, as it was given. */
export const AnswerSetting = z.strictObject({ answer: QuestionId });

export const Setting = z.union([FixedSetting, TemplateSetting, AnswerSetting], {
  error:
    'expected { "value", "confidence", "source" }, { "template", "confidence", "source" } or { "answer" }',
});
export type FixedSetting = z.infer<typeof FixedSetting>;
export type TemplateSetting = z.infer<typeof TemplateSetting>;
export type Setting = z.infer<typeof Setting>;

/** A config path relative to the part it fills: "targets[0].host", "registration.user". */
export const RelativePath = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]*(?:\[\d{1,2}\])?(?:\.[A-Za-z][A-Za-z0-9]*(?:\[\d{1,2}\])?)*$/,
    'expected a path such as targets[0].host',
  );
const Settings = z.record(RelativePath, Setting);

export const QUESTION_TYPES = [
  'text',
  'secret',
  'fqdn',
  'host',
  'dns-label',
  'port',
  'integer',
  'e164',
  'number-block',
  'choice',
] as const;

export const Question = z
  .strictObject({
    id: QuestionId,
    label: Text(100),
    type: z.enum(QUESTION_TYPES),
    required: z.boolean(),
    help: Text(400),
    /** Shown as a placeholder; never used as a value. */
    example: Text(100).optional(),
    /** Used when the admin gives no answer; it carries its own confidence. */
    default: z.union([FixedSetting, TemplateSetting]).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    choices: z
      .array(z.strictObject({ value: Text(64), label: Text(100) }))
      .min(2)
      .optional(),
  })
  .superRefine((question, ctx) => {
    if ((question.type === 'choice') !== (question.choices !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a choice question, and only one, lists choices',
      });
    }
    if ((question.min !== undefined || question.max !== undefined) && question.type !== 'integer') {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min and max belong to integer questions' });
    }
    if (question.type === 'secret' && question.default !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'a secret has no default' });
    }
  });
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];

/** Advice that no config field can hold (turn SIP-ALG off, firewall ranges); shown and listed for confirmation. */
export const ProfileNote = z.strictObject({
  text: Text(400),
  confidence: Confidence,
  source: SourceId,
});
export type ProfileNote = z.infer<typeof ProfileNote>;

/** A part of the config the profile adds: its `key` becomes its id, made unique against the config. */
const Part = { key: Slug, settings: Settings };

export const TlsProfilePart = z.strictObject(Part);
export const ConnectionPart = z.strictObject({
  ...Part,
  /** Key of this profile's TLS profile for the connection's TLS targets. */
  tlsProfile: Slug.optional(),
});
export const FailoverGroupPart = z.strictObject({
  ...Part,
  /** Connection keys in the order they are tried. */
  members: z.array(Slug).min(1),
  confidence: Confidence,
  source: SourceId,
});
export const RoutePart = z.strictObject({
  ...Part,
  /** Connection keys a call must come from; empty = any. */
  sourceConnections: z.array(Slug).default([]),
  target: z.union([z.strictObject({ connection: Slug }), z.strictObject({ failoverGroup: Slug })]),
  confidence: Confidence,
  source: SourceId,
});
/** The SBC's own FQDN and a SIP listener, for peers that connect to the SBC by name (Teams). */
export const SbcPart = z.strictObject({
  fqdn: Setting.optional(),
  listener: z
    .strictObject({
      transport: SipTransport,
      port: Setting,
      /** Key of this profile's TLS profile, for a TLS listener. */
      tlsProfile: Slug.optional(),
      /** Why the SBC must listen there. */
      confidence: Confidence,
      source: SourceId,
    })
    .optional(),
});

export const ProfileStatus = z.discriminatedUnion(
  'state',
  [
    z.strictObject({ state: z.literal('current') }),
    z.strictObject({ state: z.literal('legacy'), warning: Text(400), since: z.iso.date().optional() }),
  ],
  { error: 'expected { "state": "current" } or { "state": "legacy", "warning": ... }' },
);

export const PROFILE_KINDS = ['carrier', 'teams', 'voicemail', 'pbx', 'custom'] as const;

export const ProfileFile = z.strictObject({
  formatVersion: z.literal(PROFILE_FORMAT_VERSION, {
    error: `expected ${PROFILE_FORMAT_VERSION}, the profile format this version reads`,
  }),
  id: Slug,
  name: Text(100),
  description: Text(600),
  kind: z.enum(PROFILE_KINDS),
  status: ProfileStatus,
  sources: z.record(SourceId, Source),
  questions: z.array(Question).max(16),
  sbc: SbcPart.optional(),
  tlsProfiles: z.array(TlsProfilePart).max(4).default([]),
  connections: z.array(ConnectionPart).min(1).max(8),
  failoverGroups: z.array(FailoverGroupPart).max(2).default([]),
  routes: z.array(RoutePart).max(8).default([]),
  notes: z.array(ProfileNote).max(32).default([]),
});
export type Profile = z.infer<typeof ProfileFile>;
export type ConnectionPart = z.infer<typeof ConnectionPart>;
export type RoutePart = z.infer<typeof RoutePart>;
