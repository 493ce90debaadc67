/**
 * Asks before leaving a filled form: on closing or reloading the tab (the browser's own prompt)
 * and on moving to another screen of the app (a confirmation dialog).
 *
 * The app uses <BrowserRouter>, where react-router's useBlocker is not available, so in-app moves
 * are caught at the router's navigator (push/replace), which every <Link> and navigate() call
 * goes through. The browser's back button is not caught.
 */
import { App } from 'antd';
import { useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { UNSAFE_NavigationContext } from 'react-router';

export function useLeaveGuard(active: boolean): void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const open = useRef<{ destroy(): void } | null>(null);

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);

    const nav = navigator as typeof navigator & Record<'push' | 'replace', unknown>;
    const push = navigator.push.bind(navigator);
    const replace = navigator.replace.bind(navigator);
    const guarded =
      (go: (...args: Parameters<typeof navigator.push>) => void) =>
      (...args: Parameters<typeof navigator.push>) => {
        open.current?.destroy();
        open.current = modal.confirm({
          title: t('official.apply.leaveTitle'),
          content: t('official.apply.leaveBody'),
          okText: t('official.apply.leaveOk'),
          cancelText: t('official.apply.leaveCancel'),
          okButtonProps: { danger: true },
          onOk: () => {
            nav.push = push;
            nav.replace = replace;
            go(...args);
          },
        });
      };
    nav.push = guarded(push);
    nav.replace = guarded(replace);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      nav.push = push;
      nav.replace = replace;
      open.current?.destroy();
      open.current = null;
    };
  }, [active, navigator, modal, t]);
}
