// The number-pattern tester: type a number, see which rules match, what each makes of it and where
// the call goes — computed by the same module the engine routes with, as you type.
import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compileRouteTable,
  evaluate,
  type RouteRule,
} from '../../../sbc-engine/config/routing/route-table.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  inputs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

interface Props {
  /** The validated config (defaults filled in); undefined while the draft has errors. */
  config: Config | undefined;
}

export function RouteTester({ config }: Props) {
  const valid = config !== undefined;
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const record: { routes?: readonly RouteRule[]; connections?: readonly { id: string; name?: string }[] } =
    config ?? {};
  const [source, setSource] = useState('');
  const [called, setCalled] = useState('');
  const [calling, setCalling] = useState('');
  const compiled = useMemo(
    () => (valid ? compileRouteTable(record.routes ?? []) : undefined),
    [valid, record.routes],
  );
  const decision =
    compiled?.ok && called.trim()
      ? evaluate(compiled.table, { source, called: called.trim(), calling: calling.trim() })
      : undefined;
  const targetText = (target: { connection: string } | { failoverGroup: string }) =>
    'connection' in target
      ? t('tester.toConnection', { id: target.connection })
      : t('tester.toGroup', { id: target.failoverGroup });

  return (
    <section className={styles.root} aria-labelledby="route-tester-heading" data-testid="route-tester">
      <Subtitle2 as="h2" id="route-tester-heading">
        {t('tester.title')}
      </Subtitle2>
      <Text>{t('tester.intro')}</Text>
      <div className={styles.inputs}>
        <Field label={t('tester.source')}>
          <Select value={source} onChange={(_e, data) => setSource(data.value)} data-testid="tester-source">
            <option value="">{t('tester.anySource')}</option>
            {(record.connections ?? []).map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name ? `${connection.name} (${connection.id})` : connection.id}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tester.called')}>
          <Input value={called} onChange={(_e, data) => setCalled(data.value)} data-testid="tester-called" />
        </Field>
        <Field label={t('tester.calling')}>
          <Input
            value={calling}
            onChange={(_e, data) => setCalling(data.value)}
            data-testid="tester-calling"
          />
        </Field>
      </div>
      {!valid ? <Text>{t('tester.fixFirst')}</Text> : null}
      {decision ? (
        <div data-testid="tester-result">
          {decision.steps.length > 0 ? (
            <ol className={styles.steps}>
              {decision.steps.map((step) => (
                <li key={step.ruleId} data-testid="tester-step">
                  {t('tester.step', {
                    rule: step.ruleId,
                    before: step.called.before,
                    after: step.called.after,
                  })}
                </li>
              ))}
            </ol>
          ) : null}
          <MessageBar intent={decision.target ? 'success' : 'warning'} data-testid="tester-outcome">
            <MessageBarBody>
              {decision.target ? (
                <>
                  {targetText(decision.target)}:{' '}
                  <span className={styles.mono} data-testid="tester-final-called">
                    {decision.called}
                  </span>
                  {decision.calling ? (
                    <>
                      {' '}
                      {t('tester.from')} <span className={styles.mono}>{decision.calling}</span>
                    </>
                  ) : null}
                  {decision.emergency ? ` · ${t('tester.emergency')}` : ''}
                </>
              ) : (
                decision.noRoute
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}
    </section>
  );
}
