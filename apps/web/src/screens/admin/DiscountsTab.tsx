import {
  DISCOUNT_KINDS,
  type DiscountKind,
  type DiscountTypeView,
  fractionDigitsOf,
  minorToTypedAmount,
  parseTypedAmount,
} from '@spaflow/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import { useAdminWrite } from './api';
import { FormModal, useFormErrors } from './forms';

const DISCOUNTS_KEY = ['admin', 'discounts'] as const;
const FIELDS = ['name', 'kind', 'value', 'requiresNote', 'active'] as const;

/** Discount types the cashiers may apply: percent or fixed, with or without a required note. */
export function DiscountsTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { money } = useFormat();
  const discounts = useQuery({
    queryKey: DISCOUNTS_KEY,
    queryFn: async ({ signal }) =>
      (await apiRequest<{ discounts: DiscountTypeView[] }>('GET', '/api/admin/discounts', { token, signal })).discounts,
  });
  const [dialog, setDialog] = useState<{ discount: DiscountTypeView | null } | null>(null);
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Text c="dimmed">{t('discounts.intro')}</Text>
        <Button onClick={() => setDialog({ discount: null })}>{t('discounts.add')}</Button>
      </Group>
      {discounts.error && (
        <Alert color="red" role="alert" title={tc('errorTitle')}>
          {errorMessage(discounts.error)}
        </Alert>
      )}
      {discounts.isPending && <Loader aria-label={tc('connection.loading')} />}
      {discounts.data && discounts.data.length === 0 && <Text c="dimmed">{t('discounts.empty')}</Text>}
      {discounts.data && discounts.data.length > 0 && (
        <Paper withBorder>
          <Table striped verticalSpacing="sm" aria-label={t('tabs.discounts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('discounts.value')}</Table.Th>
                <Table.Th>{t('discounts.requiresNote')}</Table.Th>
                <Table.Th>{t('staff.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {discounts.data.map((discount) => (
                <Table.Tr key={discount.id} data-testid={`discount-${discount.name}`}>
                  <Table.Td fw={600}>{discount.name}</Table.Td>
                  <Table.Td>
                    {discount.kind === 'percent'
                      ? t('discounts.percentValue', { value: discount.value })
                      : money(discount.value)}
                  </Table.Td>
                  <Table.Td>{discount.requiresNote ? t('discounts.yes') : t('discounts.no')}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={discount.active ? 'teal.9' : 'gray.7'}>
                      {discount.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="default"
                      onClick={() => setDialog({ discount })}
                      aria-label={t('common.editItem', { name: discount.name })}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {dialog && <DiscountForm token={token} discount={dialog.discount} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function DiscountForm({
  token,
  discount,
  onClose,
}: {
  token: string;
  discount: DiscountTypeView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const shop = useShop();
  const digits = fractionDigitsOf(shop.currency, shop.locale);
  const [name, setName] = useState(discount?.name ?? '');
  const [kind, setKind] = useState<DiscountKind>(discount?.kind ?? 'percent');
  const [valueText, setValueText] = useState(
    discount ? (discount.kind === 'percent' ? String(discount.value) : minorToTypedAmount(discount.value, digits)) : '',
  );
  const [requiresNote, setRequiresNote] = useState(discount?.requiresNote ?? false);
  const [active, setActive] = useState(discount?.active ?? true);
  const errors = useFormErrors();
  const write = useAdminWrite<Record<string, unknown>, { discount: DiscountTypeView }>(token, {
    invalidate: [DISCOUNTS_KEY],
    success: (result) => t('discounts.saved', { name: result.discount.name }),
  });
  const submit = () => {
    errors.clear();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t('common.required');
    let value: number | null;
    if (kind === 'percent') {
      value = /^\d{1,3}$/.test(valueText.trim()) ? Number(valueText.trim()) : null;
      if (value === null || value < 1 || value > 100) local.value = t('discounts.percentInvalid');
    } else {
      const parsed = parseTypedAmount(valueText, digits);
      value = parsed.ok && parsed.value > 0 ? parsed.value : null;
      if (value === null) local.value = t('menu.priceInvalid');
    }
    if (Object.keys(local).length > 0 || value === null) return errors.setLocal(local);
    const body = { name: name.trim(), kind, value, requiresNote, active };
    write.mutate(
      discount
        ? { method: 'PATCH', path: `/api/admin/discounts/${discount.id}`, body }
        : { method: 'POST', path: '/api/admin/discounts', body },
      { onSuccess: onClose, onError: (error) => errors.setFromServer(error, FIELDS) },
    );
  };
  return (
    <FormModal
      opened
      title={discount ? t('discounts.editTitle') : t('discounts.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={discount ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      <TextInput
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.field('name')}
        required
        data-autofocus
      />
      <Select
        label={t('discounts.kind')}
        data={DISCOUNT_KINDS.map((value) => ({ value, label: t(`discounts.kinds.${value}`) }))}
        value={kind}
        onChange={(value) => value && setKind(value)}
        allowDeselect={false}
        error={errors.field('kind')}
      />
      <TextInput
        label={
          kind === 'percent' ? t('discounts.percentLabel') : t('discounts.amountLabel', { currency: shop.currency })
        }
        inputMode="decimal"
        value={valueText}
        onChange={(e) => {
          setValueText(e.currentTarget.value);
          errors.clear();
        }}
        error={errors.field('value')}
        required
      />
      <Switch
        label={t('discounts.requiresNoteField')}
        checked={requiresNote}
        onChange={(e) => setRequiresNote(e.currentTarget.checked)}
      />
      <Switch
        label={t('discounts.activeField')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
