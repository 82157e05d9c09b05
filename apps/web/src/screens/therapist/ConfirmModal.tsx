import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A yes/no question before something that cannot simply be undone. */
export function ConfirmModal({
  opened,
  title,
  body,
  yes,
  no,
  color = 'red',
  loading,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: string;
  yes: string;
  no: string;
  color?: string;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      size="md"
      closeOnClickOutside={!loading}
      closeButtonProps={{ 'aria-label': t('actions.close'), size: 48 }}
    >
      <Text mb="lg">{body}</Text>
      <Group justify="flex-end">
        <Button variant="default" size="lg" onClick={onClose} disabled={loading}>
          {no}
        </Button>
        <Button color={color} size="lg" onClick={onConfirm} loading={loading}>
          {yes}
        </Button>
      </Group>
    </Modal>
  );
}
