// A part of a page that fails to render shows why, instead of blanking the whole window; the rest of
// the page (and the admin's draft) stays usable.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  error: Error | undefined;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    // The console is where a bug report starts; the message below is what the admin reads.
    console.error('[ui] a part of the page failed to render:', error);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Translation ns="shell">
        {(t) => (
          <MessageBar intent="error" role="alert" data-testid="render-error">
            <MessageBarBody>
              <MessageBarTitle>{t('shell:renderError')}</MessageBarTitle>
              {this.state.error?.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </Translation>
    );
  }
}
