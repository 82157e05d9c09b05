import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';

/**
 * One action in flight at a time on this station: its button shows a spinner, the others wait, and a
 * refusal shows the server's own words (a 409 on a busy floor is normal, not a crash).
 */
/** Below, not over the header: a toast must never cover the break or sign-out buttons on a tablet. */
const TOAST_POSITION = 'bottom-right';

export function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <T>(key: string, action: () => Promise<T>, onError?: (error: unknown) => void): Promise<T | undefined> => {
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
        });
        onError?.(error);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [t],
  );
  return { busy, run };
}

export type Action = ReturnType<typeof useAction>;

export function notifyDone(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3000, position: TOAST_POSITION });
}
