import { ActionIcon, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type CartItemInput, type TransactionView } from '@spaflow/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import { catalogQuery } from '../../api/catalog';
import type { Action } from './useAction';

/** The services of the customer in hand; while it may change (lifecycle), add, remove or change counts. */
export function ItemsEditor({
  transaction,
  editable,
  action,
  onSave,
}: {
  transaction: TransactionView;
  editable: boolean;
  action: Action;
  onSave: (items: CartItemInput[], key: string) => void;
}) {
  const { t } = useTranslation('therapist');
  const format = useFormat();
  const catalog = useQuery({ ...catalogQuery, enabled: editable });
  const [adding, setAdding] = useState<string | null>(null);

  const options = useMemo(
    () =>
      (catalog.data?.categories ?? []).flatMap((category) =>
        category.services.map((service) => ({
          group: `${category.name} · ${service.name}`,
          items: service.classifications.map((classification) => ({
            value: String(classification.id),
            label: `${service.name} — ${classification.name} (${t('items.minutes', { count: classification.durationMinutes })}, ${format.money(classification.price)})`,
          })),
        })),
      ),
    [catalog.data, t, format],
  );

  const lines: CartItemInput[] = transaction.items.map((item) => ({
    classificationId: item.classificationId,
    quantity: item.quantity,
  }));
  const busy = action.busy !== null;
  const totalQuantity = lines.reduce((sum, line) => sum + line.quantity, 0);

  const save = (items: CartItemInput[], key: string) => onSave(items, key);
  const withQuantity = (index: number, quantity: number) =>
    lines.map((line, i) => (i === index ? { ...line, quantity } : line));
  const add = () => {
    if (!adding) return;
    const id = Number(adding);
    const existing = lines.findIndex((line) => line.classificationId === id);
    const next =
      existing >= 0
        ? withQuantity(existing, Math.min(MAX_LINE_QUANTITY, lines[existing]!.quantity + 1))
        : [...lines, { classificationId: id, quantity: 1 }];
    save(next, 'items-add');
    setAdding(null);
  };

  return (
    <Stack gap="xs">
      <Title order={4}>{t('items.title')}</Title>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {transaction.items.map((item, index) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Text fw={600}>{item.serviceName}</Text>
                <Text size="sm" c="dimmed">
                  {item.classificationName}
                </Text>
              </Table.Td>
              <Table.Td w={editable ? 140 : 60}>
                {editable ? (
                  <Group gap={6} wrap="nowrap">
                    <ActionIcon
                      size={48}
                      variant="default"
                      aria-label={t('items.less', { name: item.serviceName })}
                      disabled={busy || item.quantity <= 1}
                      loading={action.busy === `items-less-${item.id}`}
                      onClick={() => save(withQuantity(index, item.quantity - 1), `items-less-${item.id}`)}
                    >
                      −
                    </ActionIcon>
                    <Text fw={700} w={24} ta="center">
                      {item.quantity}
                    </Text>
                    <ActionIcon
                      size={48}
                      variant="default"
                      aria-label={t('items.more', { name: item.serviceName })}
                      disabled={busy || item.quantity >= MAX_LINE_QUANTITY}
                      loading={action.busy === `items-more-${item.id}`}
                      onClick={() => save(withQuantity(index, item.quantity + 1), `items-more-${item.id}`)}
                    >
                      +
                    </ActionIcon>
                  </Group>
                ) : (
                  <Text fw={700}>× {item.quantity}</Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{format.money(item.lineTotal)}</Table.Td>
              {editable && (
                <Table.Td w={100}>
                  <Button
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('items.removeLabel', { name: item.serviceName })}
                    title={totalQuantity <= item.quantity ? t('items.lastItem') : undefined}
                    disabled={busy || lines.length <= 1}
                    loading={action.busy === `items-remove-${item.id}`}
                    onClick={() =>
                      save(
                        lines.filter((_, i) => i !== index),
                        `items-remove-${item.id}`,
                      )
                    }
                  >
                    {t('items.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <Group align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            size="lg"
            label={t('items.addLabel')}
            placeholder={t('items.addPlaceholder')}
            data={options}
            value={adding}
            onChange={setAdding}
            searchable
            disabled={catalog.isPending || (lines.length >= MAX_CART_LINES && adding === null)}
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            size="lg"
            variant="default"
            onClick={add}
            disabled={!adding || (busy && action.busy !== 'items-add')}
            loading={action.busy === 'items-add'}
          >
            {t('items.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
