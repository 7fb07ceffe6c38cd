// The kept versions of an engine's config: who applied what, when and why; the changes of any
// version against the one in effect; and rollback (a new version with the old content).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { DiffList } from './DiffList.tsx';

type History = Output<'config.history'>;
type Diff = Output<'config.diff'>;

const useStyles = makeStyles({
  surface: { maxWidth: '960px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

export function HistoryDialog({
  engineId,
  onRolledBack,
  onClose,
}: {
  engineId: string;
  /** A rollback was applied: the editor reloads the engine's config. */
  onRolledBack: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [history, setHistory] = useState<History | undefined>();
  const [diff, setDiff] = useState<Diff | undefined>();
  const [rollbackOf, setRollbackOf] = useState<number | undefined>();
  const [comment, setComment] = useState('');
  const { run } = call;

  useEffect(() => {
    void run(() => api.config.history({ engineId })).then((answer) => answer && setHistory(answer));
  }, [api, engineId, run]);

  async function showDiff(version: number) {
    const answer = await call.run(() => api.config.diff({ engineId, from: version }));
    if (answer) setDiff(answer);
  }

  async function rollback() {
    if (rollbackOf === undefined || !history) return;
    const done = await call.run(() =>
      api.config.rollback({
        engineId,
        version: rollbackOf,
        comment: comment.trim(),
      }),
    );
    if (done) onRolledBack();
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} data-testid="history-dialog">
        <DialogBody>
          <DialogTitle>{t('history.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <ApiErrorBar failure={call.failure} />
            {!history ? (
              call.failure ? null : (
                <Spinner size="small" />
              )
            ) : (
              <Table size="small" aria-label={t('history.title')}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('history.version')}</TableHeaderCell>
                    <TableHeaderCell>{t('history.when')}</TableHeaderCell>
                    <TableHeaderCell>{t('history.who')}</TableHeaderCell>
                    <TableHeaderCell>{t('history.why')}</TableHeaderCell>
                    <TableHeaderCell>{t('history.actions')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {[...history.versions].reverse().map((entry) => (
                    <TableRow key={entry.version} data-testid="history-row" data-version={entry.version}>
                      <TableCell>
                        {entry.version}
                        {entry.version === history.version ? ` (${t('history.current')})` : ''}
                      </TableCell>
                      <TableCell>{new Date(entry.at).toLocaleString()}</TableCell>
                      <TableCell>{entry.author}</TableCell>
                      <TableCell>
                        {entry.comment}
                        {entry.overrideReason
                          ? ` — ${t('history.override', { reason: entry.overrideReason })}`
                          : ''}
                      </TableCell>
                      <TableCell>
                        {entry.version === history.version ? null : (
                          <span className={styles.actions}>
                            <Button
                              size="small"
                              onClick={() => void showDiff(entry.version)}
                              data-testid="history-diff"
                            >
                              {t('history.changes')}
                            </Button>
                            <Button
                              size="small"
                              onClick={() => setRollbackOf(entry.version)}
                              data-testid="history-rollback"
                            >
                              {t('history.rollback')}
                            </Button>
                          </span>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {diff ? (
              <div data-testid="history-diff-result">
                <Text weight="semibold">{t('history.diffTitle', { from: diff.from, to: diff.to })}</Text>
                <DiffList changes={diff.changes} />
              </div>
            ) : null}
            {rollbackOf !== undefined ? (
              <div className={styles.actions}>
                <Input
                  value={comment}
                  placeholder={t('history.defaultComment', { version: rollbackOf })}
                  onChange={(_e, d) => setComment(d.value)}
                  aria-label={t('history.why')}
                />
                <Button
                  appearance="primary"
                  onClick={() => void rollback()}
                  disabled={call.busy}
                  data-testid="history-rollback-confirm"
                >
                  {t('history.rollbackTo', { version: rollbackOf })}
                </Button>
              </div>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('history.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
