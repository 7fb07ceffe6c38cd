// One config field, whatever its kind: picks the editor from the field's schema, wraps optional and
// nullable fields in a switch ("use the default" / set a value), and shows the field's problems.
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SECRET_MARKER } from '../../../sbc-engine/config/schema/secret.ts';
import { pathText, type ConfigPath } from './configPath.ts';
import { useEditor } from './EditorContext.tsx';
import { initialValue, variantOf, type FieldSpec } from './fieldSpec.ts';
import { ListEditor } from './ListEditor.tsx';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface FieldEditorProps {
  spec: FieldSpec;
  path: ConfigPath;
  value: unknown;
  /** Shown instead of the field's own label (list items are labelled by position). */
  label?: string;
}

/** Fields shown as a group spanning the whole width rather than one cell of the grid. */
function isWide(spec: FieldSpec): boolean {
  return spec.kind === 'object' || spec.kind === 'array' || spec.kind === 'union';
}

export function useFieldLabel(spec: FieldSpec, label?: string): string {
  const { t } = useTranslation('configuration');
  if (label) return label;
  return spec.key ? t(`fields.${spec.key}`, { defaultValue: spec.key }) : '';
}

export function FieldEditor({ spec, path, value, label }: FieldEditorProps) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const editor = useEditor();
  const text = useFieldLabel(spec, label);
  const at = pathText(path);
  // A field that may be left out or set to null gets a switch: off means "the engine's default".
  const optional = spec.nullable || (!spec.required && spec.default === undefined && spec.kind !== 'array');
  const isSet = value !== null && value !== undefined;

  if (spec.kind === 'const') return null;
  if (optional && !isSet) {
    return (
      <div className={isWide(spec) ? styles.wide : undefined} data-config-path={at}>
        <Field label={text} hint={spec.description}>
          <Switch
            label={t('editor.notSet')}
            checked={false}
            disabled={editor.readOnly}
            onChange={() => editor.dispatch({ type: 'set', path, value: initialValue(spec) })}
            data-testid={`toggle-${at}`}
          />
        </Field>
      </div>
    );
  }
  const clear = optional ? (
    <Button
      size="small"
      appearance="subtle"
      disabled={editor.readOnly}
      onClick={() =>
        editor.dispatch(spec.nullable ? { type: 'set', path, value: null } : { type: 'remove', path })
      }
      data-testid={`clear-${at}`}
    >
      {t('editor.useDefault')}
    </Button>
  ) : null;

  if (spec.kind === 'object' || spec.kind === 'union') {
    return (
      <fieldset className={`${styles.group} ${styles.wide}`} data-config-path={at}>
        <legend className={styles.legend}>
          <span className={styles.row}>
            {text}
            <ProblemBadge path={at} />
            {clear}
          </span>
        </legend>
        <PathMessages path={at} />
        {spec.kind === 'object' ? (
          <ObjectFields spec={spec} path={path} value={value} />
        ) : (
          <UnionFields spec={spec} path={path} value={value} />
        )}
      </fieldset>
    );
  }
  if (spec.kind === 'array') {
    return (
      <div className={styles.wide} data-config-path={at}>
        <ListEditor spec={spec} path={path} value={Array.isArray(value) ? value : []} label={text} />
      </div>
    );
  }
  return (
    <div data-config-path={at}>
      <ScalarField spec={spec} path={path} value={value} label={text} extra={clear} />
    </div>
  );
}

export function ObjectFields({
  spec,
  path,
  value,
}: {
  spec: FieldSpec & { kind: 'object' };
  path: ConfigPath;
  value: unknown;
}) {
  const styles = useStyles();
  const record = (value ?? {}) as Record<string, unknown>;
  return (
    <div className={styles.grid}>
      {spec.fields.map((field) => (
        <FieldEditor key={field.key} spec={field} path={[...path, field.key]} value={record[field.key]} />
      ))}
    </div>
  );
}

function UnionFields({
  spec,
  path,
  value,
}: {
  spec: FieldSpec & { kind: 'union' };
  path: ConfigPath;
  value: unknown;
}) {
  const { t } = useTranslation('configuration');
  const editor = useEditor();
  const chosen = variantOf(spec, value);
  const at = pathText(path);
  return (
    <>
      <Field label={t('editor.kind')}>
        <Select
          value={chosen < 0 ? '' : String(chosen)}
          disabled={editor.readOnly}
          data-testid={`variant-${at}`}
          onChange={(_e, data) =>
            editor.dispatch({
              type: 'set',
              path,
              value: initialValue(spec.variants[Number(data.value)]!.spec),
            })
          }
        >
          {chosen < 0 ? <option value="">{t('editor.choose')}</option> : null}
          {spec.variants.map((variant, index) => (
            <option key={variant.label} value={index}>
              {t(`fields.${variant.label}`, { defaultValue: variant.label })}
            </option>
          ))}
        </Select>
      </Field>
      {chosen >= 0 ? <ObjectFields spec={spec.variants[chosen]!.spec} path={path} value={value} /> : null}
    </>
  );
}

function ScalarField({
  spec,
  path,
  value,
  label,
  extra,
}: {
  spec: FieldSpec;
  path: ConfigPath;
  value: unknown;
  label: string;
  extra: React.ReactNode;
}) {
  const { t } = useTranslation('configuration');
  const editor = useEditor();
  const at = pathText(path);
  const problems = editor.problems.at(at);
  const worst = problems.find((p) => p.severity === 'error') ?? problems[0];
  const set = (next: unknown) => editor.dispatch({ type: 'set', path, value: next });
  const testId = `field-${at}`;
  // A field left out of the file means its default to the engine: show that, not an empty box.
  value = value === undefined ? spec.default : value;
  const fieldProps = {
    label: (
      <>
        {label} {extra}
      </>
    ),
    hint: spec.description,
    required: spec.required,
    validationMessage: worst ? problems.map((p) => p.message).join(' · ') : undefined,
    validationState: worst
      ? worst.severity === 'error'
        ? 'error'
        : worst.severity === 'warning'
          ? 'warning'
          : 'none'
      : 'none',
  } as const;

  switch (spec.kind) {
    case 'boolean':
      return (
        <Field {...fieldProps}>
          <Switch
            checked={value === true}
            disabled={editor.readOnly}
            onChange={(_e, data) => set(data.checked)}
            data-testid={testId}
          />
        </Field>
      );
    case 'enum':
      return (
        <Field {...fieldProps}>
          <Select
            value={String(value ?? '')}
            disabled={editor.readOnly}
            onChange={(_e, data) => set(data.value)}
            data-testid={testId}
          >
            {spec.values.includes(String(value)) ? null : (
              <option value={String(value ?? '')}>{String(value ?? '')}</option>
            )}
            {spec.values.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Select>
        </Field>
      );
    case 'number':
      return (
        <Field {...fieldProps}>
          <Input
            type="number"
            value={value === undefined || value === null ? '' : String(value)}
            disabled={editor.readOnly}
            {...(spec.minimum !== undefined ? { min: spec.minimum } : {})}
            {...(spec.maximum !== undefined ? { max: spec.maximum } : {})}
            onChange={(_e, data) => {
              const trimmed = data.value.trim();
              // Kept as typed when it is no number, so the schema names the problem at this field.
              set(
                trimmed === ''
                  ? spec.nullable
                    ? null
                    : undefined
                  : Number.isFinite(Number(trimmed))
                    ? Number(trimmed)
                    : trimmed,
              );
            }}
            data-testid={testId}
          />
        </Field>
      );
    case 'string':
      if (spec.writeOnly && value === SECRET_MARKER) {
        return (
          <Field {...fieldProps}>
            <div>
              <Badge appearance="outline" data-testid={`${testId}-hidden`}>
                {t('editor.secretSet')}
              </Badge>{' '}
              <Button
                size="small"
                disabled={editor.readOnly}
                onClick={() => set('')}
                data-testid={`${testId}-change`}
              >
                {t('editor.changeSecret')}
              </Button>
            </div>
          </Field>
        );
      }
      return (
        <Field {...fieldProps}>
          <Input
            type={spec.writeOnly ? 'password' : 'text'}
            autoComplete="off"
            value={typeof value === 'string' ? value : String(value ?? '')}
            disabled={editor.readOnly}
            onChange={(_e, data) => set(data.value)}
            data-testid={testId}
          />
        </Field>
      );
    default:
      return (
        <Field {...fieldProps}>
          <Text>{JSON.stringify(value)}</Text>
        </Field>
      );
  }
}

/** Problems about an object or list as a whole (a missing TLS profile for a connection). */
export function PathMessages({ path }: { path: string }) {
  const editor = useEditor();
  const problems = editor.problems.at(path);
  if (problems.length === 0) return null;
  return (
    <>
      {problems.map((problem, index) => (
        <Text key={index} role="note" data-testid="path-problem" data-severity={problem.severity}>
          {problem.message}
        </Text>
      ))}
    </>
  );
}

export function ProblemBadge({ path }: { path: string }) {
  const { t } = useTranslation('configuration');
  const editor = useEditor();
  const worst = editor.problems.worstWithin(path);
  if (!worst) return null;
  const color = worst === 'error' ? 'danger' : worst === 'warning' ? 'warning' : 'informative';
  return (
    <Badge size="small" color={color} data-testid="problem-badge" data-severity={worst}>
      {t(`severity.${worst}`)}
    </Badge>
  );
}
