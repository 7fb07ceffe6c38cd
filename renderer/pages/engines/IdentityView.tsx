// What the engine says about itself (GET /identity), as a definition list.
import { Subtitle1 } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { DefinitionList, Row } from '../../components/DefinitionList.tsx';
import { FingerprintText } from './FingerprintText.tsx';
import { formatSocket } from './format.ts';

export function IdentityView({ engine }: { engine: EngineView }) {
  const { t } = useTranslation('engines');
  const identity = engine.identity;
  if (!identity) return null;
  return (
    <section aria-labelledby="identity-heading" data-testid="engine-identity">
      <Subtitle1 as="h3" id="identity-heading">
        {t('identity.heading')}
      </Subtitle1>
      <DefinitionList>
        <Row term={t('identity.name')} testId="identity-name">
          {identity.name}
        </Row>
        <Row term={t('identity.id')} testId="identity-id">
          {identity.id}
        </Row>
        <Row term={t('identity.version')} testId="identity-version">
          {identity.version}
        </Row>
        <Row term={t('identity.apiVersion')} testId="identity-api-version">
          {identity.apiVersion}
        </Row>
        <Row term={t('identity.configSchemaVersion')} testId="identity-config-schema-version">
          {identity.configSchemaVersion}
        </Row>
        <Row term={t('identity.provisioned')} testId="identity-provisioned">
          {t(identity.provisioned ? 'common.yes' : 'common.no')}
        </Row>
        <Row term={t('identity.address')}>{engine.address}</Row>
        <Row term={t('identity.fingerprint')}>
          <FingerprintText fingerprint={identity.managementFingerprint} testId="identity-fingerprint" />
        </Row>
        <Row term={t('identity.sipListen')} testId="identity-sip-listen">
          {identity.sipListen.length === 0
            ? t('identity.sipNone')
            : identity.sipListen.map(formatSocket).join(', ')}
        </Row>
      </DefinitionList>
    </section>
  );
}
