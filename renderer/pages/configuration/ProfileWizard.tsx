// "Add from profile": pick a provider, answer only what is provider-specific, see what the profile
// fills in and how sure each value is, then add it to the draft (one undo step).
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { applyProfile, confidenceReport, describeSource } from '../../../sbc-engine/config/profiles/index.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';

type Profile = Output<'profiles.list'>['profiles'][number];
type Question = Profile['questions'][number];

const useStyles = makeStyles({
  surface: { maxWidth: '860px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  confirmList: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '30vh', overflowY: 'auto' },
  path: { fontFamily: tokens.fontFamilyMonospace },
  choice: { display: 'flex', flexDirection: 'column' },
});

/** What the admin typed, as the profile's answer checker takes it. */
function answerValue(question: Question, text: string, last: string): unknown {
  if (question.type === 'number-block')
    return text || last ? { first: text.trim(), last: last.trim() } : undefined;
  if (text.trim() === '') return undefined;
  if (question.type === 'port' || question.type === 'integer')
    return Number.isFinite(Number(text)) ? Number(text) : text;
  return question.type === 'secret' ? text : text.trim();
}

export function ProfileWizard({
  config,
  onAdd,
  onClose,
}: {
  config: Config;
  onAdd: (next: Config) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const api = useApi();
  const load = useApiCall();
  const [profiles, setProfiles] = useState<Profile[] | undefined>();
  const [chosen, setChosen] = useState<string>('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const { run } = load;

  useEffect(() => {
    void run(() => api.profiles.list({})).then((answer) => answer && setProfiles(answer.profiles));
  }, [api, run]);

  const profile = profiles?.find((candidate) => candidate.id === chosen);
  const answers = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const question of profile?.questions ?? []) {
      const value = answerValue(question, texts[question.id] ?? '', texts[`${question.id}.last`] ?? '');
      if (value !== undefined) out[question.id] = value;
    }
    return out;
  }, [profile, texts]);
  const result = useMemo(
    () => (profile ? applyProfile(config, profile, answers) : undefined),
    [config, profile, answers],
  );
  const errorFor = (id: string) =>
    tried && result && !result.ok ? result.errors.find((error) => error.question === id)?.message : undefined;
  const confirmations = result?.ok ? confidenceReport(result) : [];

  function add() {
    setTried(true);
    if (result?.ok) onAdd(result.config);
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} data-testid="profile-wizard">
        <DialogBody>
          <DialogTitle>
            {profile ? t('profiles.titleFor', { name: profile.name }) : t('profiles.title')}
          </DialogTitle>
          <DialogContent className={styles.content}>
            <ApiErrorBar failure={load.failure} />
            {!profiles ? (
              load.failure ? null : (
                <Spinner size="small" label={t('profiles.loading')} />
              )
            ) : !profile ? (
              <RadioGroup
                value={chosen}
                onChange={(_e, data) => setChosen(data.value)}
                aria-label={t('profiles.title')}
              >
                {profiles.map((candidate) => (
                  <Radio
                    key={candidate.id}
                    value={candidate.id}
                    data-testid="profile-choice"
                    data-profile={candidate.id}
                    label={
                      <span className={styles.choice}>
                        <span>
                          {candidate.name}{' '}
                          {candidate.status.state === 'legacy' ? (
                            <Badge color="warning">{t('profiles.legacy')}</Badge>
                          ) : null}
                        </span>
                        <Text size={200}>{candidate.description}</Text>
                      </span>
                    }
                  />
                ))}
              </RadioGroup>
            ) : (
              <>
                {profile.status.state === 'legacy' ? (
                  <MessageBar intent="warning" data-testid="profile-legacy">
                    <MessageBarBody>{profile.status.warning}</MessageBarBody>
                  </MessageBar>
                ) : null}
                <Text>{profile.description}</Text>
                <div className={styles.grid}>
                  {profile.questions.map((question) => (
                    <QuestionField
                      key={question.id}
                      question={question}
                      text={texts[question.id] ?? ''}
                      last={texts[`${question.id}.last`] ?? ''}
                      error={errorFor(question.id)}
                      onChange={(key, value) => setTexts({ ...texts, [key]: value })}
                    />
                  ))}
                </div>
                {tried && result && !result.ok
                  ? result.errors
                      .filter((error) => !error.question)
                      .map((error, index) => (
                        <MessageBar key={index} intent="error">
                          <MessageBarBody>
                            {error.path ? `${error.path}: ` : ''}
                            {error.message}
                          </MessageBarBody>
                        </MessageBar>
                      ))
                  : null}
                {confirmations.length > 0 ? (
                  <MessageBar intent="info" layout="multiline" data-testid="profile-confirm">
                    <MessageBarBody>
                      <MessageBarTitle>
                        {t('profiles.confirmTitle', { count: confirmations.length })}
                      </MessageBarTitle>
                      <ul className={styles.confirmList}>
                        {confirmations.map((item, index) => (
                          <li key={index} title={describeSource(item.source)}>
                            <Badge
                              size="small"
                              color={item.confidence === 'check' ? 'warning' : 'informative'}
                            >
                              {t(`profiles.confidence.${item.confidence}`)}
                            </Badge>{' '}
                            {item.path ? (
                              <>
                                <span className={styles.path}>{item.path}</span> ={' '}
                                {JSON.stringify(item.value)}:{' '}
                              </>
                            ) : null}
                            {item.message}
                          </li>
                        ))}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('profiles.cancel')}</Button>
            {profile ? (
              <>
                <Button onClick={() => (setChosen(''), setTried(false))}>{t('profiles.back')}</Button>
                <Button appearance="primary" onClick={add} data-testid="profile-add">
                  {t('profiles.add')}
                </Button>
              </>
            ) : null}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** A question's default (used when left empty) or its example, as the field's placeholder. */
function placeholderOf(question: Question): string | undefined {
  const fallback = question.default;
  if (fallback && 'value' in fallback) return String(fallback.value);
  return question.example;
}

function QuestionField(props: {
  question: Question;
  text: string;
  last: string;
  error: string | undefined;
  onChange: (key: string, value: string) => void;
}) {
  const { t } = useTranslation('configuration');
  const { question } = props;
  const field = {
    label: question.label,
    hint: question.help,
    required: question.required,
    validationMessage: props.error,
    validationState: props.error ? ('error' as const) : ('none' as const),
  };
  const testId = `profile-answer-${question.id}`;
  if (question.type === 'choice') {
    return (
      <Field {...field}>
        <Select
          value={props.text}
          onChange={(_e, d) => props.onChange(question.id, d.value)}
          data-testid={testId}
        >
          <option value="">{t('editor.choose')}</option>
          {question.choices!.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  if (question.type === 'number-block') {
    return (
      <Field {...field}>
        <Input
          value={props.text}
          placeholder={t('profiles.first')}
          onChange={(_e, d) => props.onChange(question.id, d.value)}
          data-testid={`${testId}-first`}
        />
        <Input
          value={props.last}
          placeholder={t('profiles.last')}
          onChange={(_e, d) => props.onChange(`${question.id}.last`, d.value)}
          data-testid={`${testId}-last`}
        />
      </Field>
    );
  }
  return (
    <Field {...field}>
      <Input
        type={
          question.type === 'secret'
            ? 'password'
            : question.type === 'port' || question.type === 'integer'
              ? 'number'
              : 'text'
        }
        autoComplete="off"
        value={props.text}
        {...(placeholderOf(question) ? { placeholder: placeholderOf(question) } : {})}
        onChange={(_e, d) => props.onChange(question.id, d.value)}
        data-testid={testId}
      />
    </Field>
  );
}
