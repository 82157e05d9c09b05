import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, fieldErrors } from '../../api/http';

export type FormErrors = { fields: Record<string, string>; general: string | null };
const NO_ERRORS: FormErrors = { fields: {}, general: null };

/**
 * A refusal spread over a form: each issue on its own field (`body.name` → `name`); a single issue of a
 * business rule carries the server's whole sentence ("The category name "Foot" is taken."), which says more
 * than "taken". Whatever names no field of this form goes to the alert on top.
 */
export function toFormErrors(error: unknown, formFields: readonly string[]): FormErrors {
  const fields = Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([key, message]) => [
      key,
      message.charAt(0).toUpperCase() + message.slice(1),
    ]),
  );
  const keys = Object.keys(fields);
  // A schema refusal's message only lists its issues ("The request is not valid: body.x: …"); a rule's
  // refusal is a sentence of its own, better than its issue's single word.
  const issue = error instanceof ApiError ? error.issues[0] : undefined;
  if (keys.length === 1 && issue && error instanceof ApiError && !error.message.includes(`${issue.path}:`))
    fields[keys[0]!] = error.message;
  const known = Object.fromEntries(Object.entries(fields).filter(([key]) => formFields.includes(key)));
  const unplaced = keys.length === 0 || keys.some((key) => !formFields.includes(key));
  return { fields: known, general: unplaced ? errorMessage(error) : null };
}

/** Errors a form shows: its own checks first, the server's refusal after. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  return {
    errors,
    field: (name: string) => errors.fields[name],
    clear: () => setErrors(NO_ERRORS),
    setLocal: (fields: Record<string, string>) => setErrors({ fields, general: null }),
    setFromServer: (error: unknown, formFields: readonly string[]) => setErrors(toFormErrors(error, formFields)),
  };
}

/** A modal holding one form: title, fields, the refusal on top, Cancel and a submit that shows it is saving. */
export function FormModal({
  opened,
  title,
  onClose,
  onSubmit,
  saving,
  submitLabel,
  general,
  children,
  submitColor,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  submitLabel: string;
  general?: string | null;
  children: ReactNode;
  submitColor?: string;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!saving) onSubmit();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      size="md"
      closeOnClickOutside={!saving}
      closeButtonProps={{ 'aria-label': tc('actions.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {general && (
            <Alert color="red" role="alert" title={tc('errorTitle')}>
              {general}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
