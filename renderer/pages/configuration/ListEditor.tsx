// A list in the config: connections, routes, targets, codecs. Items of objects are collapsible cards
// with their problems flagged on the header; order matters (routes, failover members, codecs), so
// every item can be moved. Keyboard: every control is a button or an input in tab order.
import { Button, makeStyles, Subtitle2, Text, tokens, Tooltip } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { pathText, type ConfigPath } from './configPath.ts';
import { useEditor } from './EditorContext.tsx';
import { FieldEditor, ObjectFields, PathMessages, ProblemBadge } from './FieldEditor.tsx';
import { initialValue, type FieldSpec } from './fieldSpec.ts';
import { itemSummary } from './itemSummary.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  cardHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { flexGrow: 1, textAlign: 'left', justifyContent: 'flex-start' },
  scalarRow: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
});

export function ListEditor({
  spec,
  path,
  value,
  label,
}: {
  spec: FieldSpec & { kind: 'array' };
  path: ConfigPath;
  value: unknown[];
  label: string;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const editor = useEditor();
  const at = pathText(path);
  const objects = spec.item.kind === 'object' || spec.item.kind === 'union';
  const full = spec.maxItems !== undefined && value.length >= spec.maxItems;

  function add() {
    const itemPath = [...path, value.length];
    editor.dispatch({ type: 'set', path: itemPath, value: initialValue(spec.item) });
    editor.setOpen(pathText(itemPath), true);
  }

  return (
    <div className={styles.list} data-testid={`list-${at}`}>
      <div className={styles.header}>
        <Subtitle2 as="h3">{label}</Subtitle2>
        <Text size={200}>{t('editor.count', { count: value.length })}</Text>
        <ProblemBadge path={at} />
      </div>
      {spec.description ? <Text size={200}>{spec.description}</Text> : null}
      <PathMessages path={at} />
      {value.map((item, index) => {
        const itemPath = [...path, index];
        const itemAt = pathText(itemPath);
        const controls = (
          <ItemControls
            path={itemPath}
            index={index}
            count={value.length}
            label={itemSummary(item) || `#${index + 1}`}
          />
        );
        if (!objects) {
          return (
            <div key={index} className={styles.scalarRow}>
              <div className={styles.grow}>
                <FieldEditor spec={spec.item} path={itemPath} value={item} label={`${label} ${index + 1}`} />
              </div>
              {controls}
            </div>
          );
        }
        const open = editor.isOpen(itemAt);
        return (
          <div key={index} className={styles.card} data-config-path={itemAt} data-testid="list-item">
            <div className={styles.cardHeader}>
              <Button
                appearance="transparent"
                className={styles.title}
                aria-expanded={open}
                onClick={() => editor.setOpen(itemAt, !open)}
                data-testid={`open-${itemAt}`}
              >
                {open ? '▾' : '▸'} {itemSummary(item) || `#${index + 1}`}
              </Button>
              <ProblemBadge path={itemAt} />
              {controls}
            </div>
            {open ? (
              spec.item.kind === 'object' ? (
                <>
                  <PathMessages path={itemAt} />
                  <ObjectFields spec={spec.item} path={itemPath} value={item} />
                </>
              ) : (
                <FieldEditor spec={spec.item} path={itemPath} value={item} label={`#${index + 1}`} />
              )
            ) : null}
          </div>
        );
      })}
      <div>
        <Button onClick={add} disabled={editor.readOnly || full} data-testid={`add-${at}`}>
          {t('editor.add', { what: label })}
        </Button>
      </div>
    </div>
  );
}

function ItemControls({
  path,
  index,
  count,
  label,
}: {
  path: ConfigPath;
  index: number;
  count: number;
  label: string;
}) {
  const { t } = useTranslation('configuration');
  const editor = useEditor();
  const at = pathText(path);
  return (
    <>
      <Tooltip content={t('editor.moveUp', { label })} relationship="label">
        <Button
          size="small"
          disabled={editor.readOnly || index === 0}
          onClick={() => editor.dispatch({ type: 'move', path, by: -1 })}
          data-testid={`up-${at}`}
        >
          ↑
        </Button>
      </Tooltip>
      <Tooltip content={t('editor.moveDown', { label })} relationship="label">
        <Button
          size="small"
          disabled={editor.readOnly || index === count - 1}
          onClick={() => editor.dispatch({ type: 'move', path, by: 1 })}
          data-testid={`down-${at}`}
        >
          ↓
        </Button>
      </Tooltip>
      <Tooltip content={t('editor.remove', { label })} relationship="label">
        <Button
          size="small"
          disabled={editor.readOnly}
          onClick={() => editor.dispatch({ type: 'remove', path })}
          data-testid={`remove-${at}`}
        >
          ✕
        </Button>
      </Tooltip>
    </>
  );
}
