import { Button, Group, Modal, Text } from '@mantine/core';

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
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="md" closeOnClickOutside={!loading}>
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
