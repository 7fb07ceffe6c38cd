// Asks for permission to notify, only when the user presses the button (browsers refuse a request
// that no gesture started), and says what the state is.
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function currentPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function NotificationControl({ quiet }: { quiet: boolean }) {
  const { t } = useTranslation('health');
  const [permission, setPermission] = useState(currentPermission);
  if (quiet) return <Text data-testid="health-notifications">{t('notifications.quiet')}</Text>;
  if (permission === 'unsupported') return <Text data-testid="health-notifications">{t('notifications.unsupported')}</Text>; // prettier-ignore
  if (permission === 'granted')
    return <Text data-testid="health-notifications">{t('notifications.enabled')}</Text>;
  if (permission === 'denied')
    return <Text data-testid="health-notifications">{t('notifications.denied')}</Text>;
  return (
    <Button
      data-testid="health-notifications-enable"
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      {t('notifications.enable')}
    </Button>
  );
}
