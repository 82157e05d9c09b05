import { notifications } from '@mantine/notifications';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';

/** Below, not over the header: a toast must never cover the break or sign-out buttons on a tablet. */
const TOAST_POSITION = 'bottom-right';

/**
 * One action in flight at a time on this station: its button shows a spinner, the others wait, and a
 * refusal shows the server's own words (a 409 on a busy floor is normal, not a crash). A second tap
 * before the answer (a double click, before React has re-rendered the disabled button) sends nothing.
 */

export function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async <T>(key: string, action: () => Promise<T>, onError?: (error: unknown) => void): Promise<T | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(key);
      try {
        return await action();
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('errorTitle'),
          message: errorMessage(error),
          autoClose: 8000,
          position: TOAST_POSITION,
          // A named close button a finger can hit.
          closeButtonProps: { 'aria-label': t('actions.close'), size: 48 },
        });
        onError?.(error);
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [t],
  );
  return { busy, run };
}

export type Action = ReturnType<typeof useAction>;

export function notifyDone(message: string) {
  // Gone by itself in 3 s: no close button to aim at.
  notifications.show({ color: 'teal', message, autoClose: 3000, position: TOAST_POSITION, withCloseButton: false });
}
