import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/**
 * A data-changing action that runs once at a time: while its request is out, calling it again does
 * nothing. TanStack Query reports `isPending` a tick after `mutate`, so a double tap would otherwise send
 * two requests before the button is disabled; the ref closes that gap synchronously.
 */
export function useSingleMutation<TData, TVariables = void>(options: UseMutationOptions<TData, Error, TVariables>) {
  const mutation = useMutation(options);
  const inFlight = useRef(false);
  const { mutateAsync } = mutation;
  const mutate = useCallback(
    (variables: TVariables) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutateAsync(variables)
        .catch(() => undefined) // the refusal is shown by options.onError or mutation.error
        .finally(() => {
          inFlight.current = false;
        });
    },
    [mutateAsync],
  );
  return { ...mutation, mutate, isPending: mutation.isPending || inFlight.current };
}
