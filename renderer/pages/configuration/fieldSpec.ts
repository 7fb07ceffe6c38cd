// The config editor is driven by the config schema itself (its JSON Schema form): every field the
// engine accepts gets an editor without a hand-written form per field, and a field added to the
// schema shows up here the same day. This module turns JSON Schema nodes into a small tree of
// field specs the components render.

type Json = Record<string, unknown>;

interface Common {
  /** Property name in its parent object; '' for array items and the root. */
  key: string;
  description?: string;
  /** The schema's default; a new object or list item starts from the defaults of its fields. */
  default?: unknown;
  /** Value may be null ("use the default behaviour"); the editor shows a switch for it. */
  nullable: boolean;
  /** The field is required in its parent object. */
  required: boolean;
}

export type FieldSpec = Common &
  (
    | { kind: 'string'; minLength?: number; maxLength?: number; patterns: string[]; writeOnly: boolean }
    | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
    | { kind: 'boolean' }
    | { kind: 'enum'; values: string[] }
    | { kind: 'const'; value: unknown }
    | { kind: 'object'; fields: FieldSpec[] }
    | { kind: 'array'; item: FieldSpec; minItems?: number; maxItems?: number }
    | { kind: 'union'; variants: Variant[] }
    | { kind: 'unknown' }
  );

export interface Variant {
  /** What tells this variant apart: the value of its const field, or its only required key. */
  label: string;
  spec: FieldSpec & { kind: 'object' };
}

function isNullSchema(node: unknown): boolean {
  return typeof node === 'object' && node !== null && (node as Json).type === 'null';
}

/** Folds allOf parts into their node (zod writes two patterns on one string as allOf). */
function flatten(node: Json): Json {
  const parts = node.allOf as Json[] | undefined;
  if (!parts) return node;
  const { allOf: _allOf, ...rest } = node;
  const patterns = parts.map((part) => part.pattern).filter((p): p is string => typeof p === 'string');
  return Object.assign({}, ...parts, rest, {
    patterns: [...patterns, ...((rest.pattern as string[]) ?? [])],
  });
}

export function toFieldSpec(raw: unknown, key = '', required = false): FieldSpec {
  let node = flatten((raw ?? {}) as Json);
  let nullable = false;
  const alternatives = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  const outer = node;
  if (alternatives) {
    const nonNull = alternatives.filter((alt) => !isNullSchema(alt));
    nullable = nonNull.length < alternatives.length;
    if (nonNull.length === 1) node = { ...flatten(nonNull[0]!), ...pick(outer, ['default', 'description']) };
    else
      return {
        kind: 'union',
        key,
        required,
        nullable,
        ...pick(outer, ['default', 'description']),
        variants: nonNull.map((alt) => toVariant(flatten(alt))),
      } as FieldSpec;
  }
  const common: Common = { key, required, nullable, ...pick(node, ['default', 'description']) };
  if ('const' in node) return { ...common, kind: 'const', value: node.const };
  if (Array.isArray(node.enum)) return { ...common, kind: 'enum', values: node.enum.map(String) };
  switch (node.type) {
    case 'string':
      return {
        ...common,
        kind: 'string',
        writeOnly: node.writeOnly === true,
        patterns: [
          ...((node.patterns as string[]) ?? []),
          ...(typeof node.pattern === 'string' ? [node.pattern] : []),
        ],
        ...pick(node, ['minLength', 'maxLength']),
      } as FieldSpec;
    case 'integer':
    case 'number':
      return {
        ...common,
        kind: 'number',
        integer: node.type === 'integer',
        ...pick(node, ['minimum', 'maximum']),
      } as FieldSpec;
    case 'boolean':
      return { ...common, kind: 'boolean' };
    case 'object':
      return { ...common, kind: 'object', fields: objectFields(node) };
    case 'array':
      return {
        ...common,
        kind: 'array',
        item: toFieldSpec(node.items, '', true),
        ...pick(node, ['minItems', 'maxItems']),
      } as FieldSpec;
    default:
      return { ...common, kind: 'unknown' };
  }
}

function objectFields(node: Json): FieldSpec[] {
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  const required = new Set((node.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, child]) => toFieldSpec(child, name, required.has(name)));
}

function toVariant(node: Json): Variant {
  const spec = toFieldSpec(node) as FieldSpec & { kind: 'object' };
  const constant = spec.fields.find((field) => field.kind === 'const');
  const label =
    constant?.kind === 'const'
      ? String(constant.value)
      : (spec.fields.find((field) => field.required)?.key ?? spec.fields[0]?.key ?? '?');
  return { label, spec };
}

function pick(node: Json, keys: string[]): Json {
  const out: Json = {};
  for (const name of keys) if (name in node) out[name] = node[name];
  return out;
}

/** Which variant of a union a value is: the one whose const field or required key it carries. */
export function variantOf(spec: FieldSpec & { kind: 'union' }, value: unknown): number {
  if (typeof value !== 'object' || value === null) return -1;
  const record = value as Record<string, unknown>;
  return spec.variants.findIndex(({ spec: variant }) => {
    const constant = variant.fields.find((field) => field.kind === 'const');
    if (constant?.kind === 'const') return record[constant.key] === constant.value;
    return variant.fields.filter((field) => field.required).every((field) => field.key in record);
  });
}

/** A fresh value for a new list item or a switched-on nullable field: the schema's defaults. */
export function initialValue(spec: FieldSpec): unknown {
  if (spec.kind === 'object') return objectValue(spec);
  if (spec.default !== undefined && spec.default !== null) return structuredClone(spec.default);
  switch (spec.kind) {
    case 'string':
      return '';
    case 'number':
      return spec.minimum ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.values[0];
    case 'const':
      return spec.value;
    case 'array':
      return [];
    case 'union':
      return spec.variants[0] ? initialValue(spec.variants[0].spec) : null;
    default:
      return null;
  }
}

/** An object from its default (which may leave fields out) with every field that has a default filled in. */
function objectValue(spec: FieldSpec & { kind: 'object' }): Record<string, unknown> {
  const base =
    spec.default !== null && typeof spec.default === 'object'
      ? (structuredClone(spec.default) as Record<string, unknown>)
      : {};
  for (const field of spec.fields) {
    if (field.key in base) continue;
    if (
      field.kind === 'object' &&
      field.default !== null &&
      (field.required || field.default !== undefined)
    ) {
      base[field.key] = objectValue(field);
    } else if (field.required || field.default !== undefined) {
      base[field.key] = field.default !== undefined ? structuredClone(field.default) : initialValue(field);
    }
  }
  return base;
}

/** The field spec of a top-level section ("connections", "voip"). */
export function sectionSpec(root: FieldSpec, section: string): FieldSpec | undefined {
  return root.kind === 'object' ? root.fields.find((field) => field.key === section) : undefined;
}
