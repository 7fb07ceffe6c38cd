// The actions of one row, in a menu (keyboard: Enter or Space opens it, arrows move, Esc closes):
// what makes sense depends on the entry's state.
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OwnRow } from './certificateViewModel.ts';
import { ownActions, type OwnAction, type TrustedAction } from './rowActions.ts';

export function OwnRowActions({ row, onAction }: { row: OwnRow; onAction: (action: OwnAction) => void }) {
  const { t } = useTranslation('certificates');
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={t('actions.forEntry', { label: row.label })} relationship="label">
          <Button size="small" data-testid="own-actions">
            {t('actions.menu')}
          </Button>
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {ownActions(row).map((action) => (
            <MenuItem key={action} onClick={() => onAction(action)} data-testid={`own-action-${action}`}>
              {t(`actions.${action}`)}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export function TrustedRowActions({
  label,
  onAction,
}: {
  label: string;
  onAction: (action: TrustedAction) => void;
}) {
  const { t } = useTranslation('certificates');
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={t('actions.forEntry', { label })} relationship="label">
          <Button size="small" data-testid="trusted-actions">
            {t('actions.menu')}
          </Button>
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {(['export', 'remove'] as const).map((action) => (
            <MenuItem key={action} onClick={() => onAction(action)} data-testid={`trusted-action-${action}`}>
              {t(`actions.${action}`)}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
