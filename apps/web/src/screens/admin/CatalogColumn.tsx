import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type CatalogRow = { id: number; name: string; active: boolean; detail: string };

/** One level of the menu (categories, services or prices): ordered rows, each editable, movable and switchable. */
export function CatalogColumn({
  title,
  subtitle,
  addLabel,
  onAdd,
  canAdd = true,
  rows,
  loading,
  error,
  empty,
  selectedId,
  onSelect,
  onEdit,
  onToggle,
  onMove,
  busyId,
}: {
  title: string;
  /** Whose rows these are (the chosen category or service). */
  subtitle?: string | undefined;
  addLabel: string;
  onAdd: () => void;
  canAdd?: boolean;
  rows: readonly CatalogRow[];
  loading: boolean;
  error: string | null;
  empty: string;
  selectedId?: number | null;
  onSelect?: (id: number) => void;
  onEdit: (id: number) => void;
  onToggle: (id: number, active: boolean) => void;
  onMove: (index: number, direction: -1 | 1) => void;
  busyId: number | null;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  return (
    <Paper withBorder p="md" h="100%" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Title order={4}>{title}</Title>
            {subtitle && (
              <Text size="sm" c="dimmed" truncate>
                {subtitle}
              </Text>
            )}
          </div>
          <Button size="compact-sm" onClick={onAdd} disabled={!canAdd} style={{ flexShrink: 0 }}>
            {addLabel}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {loading && <Loader size="sm" aria-label={tc('connection.loading')} />}
        {!loading && !error && rows.length === 0 && (
          <Text c="dimmed" size="sm" py="md">
            {empty}
          </Text>
        )}
        <Stack gap={6}>
          {rows.map((row, index) => {
            const selected = selectedId === row.id;
            const busy = busyId === row.id;
            const label = (
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={600} truncate c={row.active ? undefined : 'dimmed'}>
                  {row.name}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" c="dimmed" truncate>
                    {row.detail}
                  </Text>
                  {!row.active && (
                    <Badge size="xs" color="gray" variant="light">
                      {t('common.inactive')}
                    </Badge>
                  )}
                </Group>
              </Stack>
            );
            return (
              <Paper
                key={row.id}
                withBorder
                px="sm"
                py={6}
                bg={selected ? 'teal.0' : undefined}
                style={{ borderColor: selected ? 'var(--mantine-color-teal-5)' : undefined }}
                data-testid={`catalog-row-${row.id}`}
              >
                <Group justify="space-between" wrap="wrap" gap="xs">
                  {onSelect ? (
                    <UnstyledButton
                      onClick={() => onSelect(row.id)}
                      aria-pressed={selected}
                      style={{ flex: '1 1 160px', minWidth: 0 }}
                    >
                      {label}
                    </UnstyledButton>
                  ) : (
                    <div style={{ flex: '1 1 160px', minWidth: 0 }}>{label}</div>
                  )}
                  <Group gap={4} wrap="nowrap" ml="auto">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('common.moveUp', { name: row.name })}
                      disabled={index === 0 || busyId !== null}
                      onClick={() => onMove(index, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('common.moveDown', { name: row.name })}
                      disabled={index === rows.length - 1 || busyId !== null}
                      onClick={() => onMove(index, 1)}
                    >
                      ↓
                    </ActionIcon>
                    <Button
                      size="compact-sm"
                      variant="light"
                      aria-label={t('common.editItem', { name: row.name })}
                      onClick={() => onEdit(row.id)}
                    >
                      {t('common.edit')}
                    </Button>
                    <Tooltip label={row.active ? t('common.offeredHint') : t('common.hiddenHint')} openDelay={400}>
                      <Switch
                        size="sm"
                        checked={row.active}
                        disabled={busy}
                        aria-label={t('common.activeToggle', { name: row.name })}
                        onChange={(event) => onToggle(row.id, event.currentTarget.checked)}
                      />
                    </Tooltip>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}
