// Catches what a page throws while rendering, and above all a page's code failing to load (a new
// version was deployed, or the line dropped): offers a reload instead of a blank screen.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/i18n.js';

interface Props {
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="callout callout--error" role="alert">
        <p className="callout-title">{t('error.page.title')}</p>
        <p>{t('error.page.detail')}</p>
        <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
          {t('error.page.reload')}
        </button>
      </div>
    );
  }
}
