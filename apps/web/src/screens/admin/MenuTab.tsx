import {
  fractionDigitsOf,
  MAX_CLASSIFICATION_PRICE,
  MAX_DURATION_MINUTES,
  minorToTypedAmount,
  parseTypedAmount,
  type AdminCategoryView,
  type AdminClassificationView,
  type AdminServiceView,
} from '@spaflow/domain';
import { Checkbox, Grid, NativeSelect, NumberInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';
import {
  adminKeys,
  bySortOrder,
  reorderPatches,
  useAdminWrite,
  useCategories,
  useClassifications,
  useServices,
} from './api';
import { CatalogColumn } from './CatalogColumn';
import { FormModal, useFormErrors } from './forms';

type Level = 'categories' | 'services' | 'classifications';
type Editing =
  | { level: 'categories'; row: AdminCategoryView | null }
  | { level: 'services'; row: AdminServiceView | null }
  | { level: 'classifications'; row: AdminClassificationView | null }
  | null;

const nextSortOrder = (rows: readonly { sortOrder: number }[]) =>
  rows.length === 0 ? 10 : Math.max(...rows.map((row) => row.sortOrder)) + 10;

/** Categories → services → durations and prices, side by side; each level edited in a modal. */
export function MenuTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { money } = useFormat();
  const queryClient = useQueryClient();
  const categories = useCategories(token);
  const services = useServices(token);
  const classifications = useClassifications(token);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<{ level: Level; id: number } | null>(null);

  const categoryRows = bySortOrder(categories.data ?? []);
  const category = categoryRows.find((row) => row.id === categoryId) ?? categoryRows[0] ?? null;
  const serviceRows = bySortOrder((services.data ?? []).filter((row) => row.categoryId === category?.id));
  const service = serviceRows.find((row) => row.id === serviceId) ?? serviceRows[0] ?? null;
  const tierRows = bySortOrder((classifications.data ?? []).filter((row) => row.serviceId === service?.id));

  const paths: Record<Level, string> = {
    categories: '/api/admin/categories',
    services: '/api/admin/services',
    classifications: '/api/admin/classifications',
  };

  /** A row button: switch on/off or move; the refusal is said in a notification. */
  const rowChange = async (
    level: Level,
    id: number,
    changes: { id: number; body: Record<string, unknown> }[],
    success?: string,
  ) => {
    setBusy({ level, id });
    try {
      for (const change of changes)
        await apiRequest('PATCH', `${paths[level]}/${change.id}`, { token, body: change.body });
      if (success) notifications.show({ color: 'teal', message: success });
    } catch (error) {
      notifications.show({ color: 'red', title: t('menu.reorderFailed'), message: errorMessage(error) });
    } finally {
      await queryClient.invalidateQueries({ queryKey: adminKeys[level] });
      setBusy(null);
    }
  };

  const toggle = (level: Level, rows: readonly { id: number; name: string }[]) => (id: number, active: boolean) => {
    const name = rows.find((row) => row.id === id)?.name ?? '';
    void rowChange(level, id, [{ id, body: { active } }], t(active ? 'menu.activated' : 'menu.deactivated', { name }));
  };
  const move =
    (level: Level, rows: readonly { id: number; sortOrder: number }[]) => (index: number, direction: -1 | 1) =>
      void rowChange(
        level,
        rows[index]!.id,
        reorderPatches(rows, index, direction).map(({ id, sortOrder }) => ({ id, body: { sortOrder } })),
      );

  const busyIn = (level: Level) => (busy?.level === level ? busy.id : null);
  const loadError = (query: { error: unknown }) => (query.error ? errorMessage(query.error) : null);

  return (
    <>
      <Grid gap="md" align="stretch">
        <Grid.Col span={4}>
          <CatalogColumn
            title={t('menu.categories')}
            subtitle={t('menu.categoriesHint')}
            addLabel={t('menu.addCategory')}
            onAdd={() => setEditing({ level: 'categories', row: null })}
            rows={categoryRows.map((row) => ({
              ...row,
              detail: t('menu.serviceCount', {
                count: (services.data ?? []).filter((item) => item.categoryId === row.id).length,
              }),
            }))}
            loading={categories.isPending}
            error={loadError(categories)}
            empty={t('menu.noCategories')}
            selectedId={category?.id ?? null}
            onSelect={(id) => {
              setCategoryId(id);
              setServiceId(null);
            }}
            onEdit={(id) => setEditing({ level: 'categories', row: categoryRows.find((row) => row.id === id)! })}
            onToggle={toggle('categories', categoryRows)}
            onMove={move('categories', categoryRows)}
            busyId={busyIn('categories')}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <CatalogColumn
            title={t('menu.services')}
            subtitle={category ? t('menu.in', { name: category.name }) : undefined}
            addLabel={t('menu.addService')}
            canAdd={category !== null}
            onAdd={() => setEditing({ level: 'services', row: null })}
            rows={serviceRows.map((row) => ({
              ...row,
              detail: t('menu.tierCount', {
                count: (classifications.data ?? []).filter((item) => item.serviceId === row.id).length,
              }),
            }))}
            loading={services.isPending}
            error={loadError(services)}
            empty={category ? t('menu.noServices') : t('menu.pickCategory')}
            selectedId={service?.id ?? null}
            onSelect={setServiceId}
            onEdit={(id) => setEditing({ level: 'services', row: serviceRows.find((row) => row.id === id)! })}
            onToggle={toggle('services', serviceRows)}
            onMove={move('services', serviceRows)}
            busyId={busyIn('services')}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <CatalogColumn
            title={t('menu.classifications')}
            subtitle={service ? t('menu.of', { name: service.name }) : undefined}
            addLabel={t('menu.addClassification')}
            canAdd={service !== null}
            onAdd={() => setEditing({ level: 'classifications', row: null })}
            rows={tierRows.map((row) => ({
              ...row,
              detail: `${t('menu.durationShort', { minutes: row.durationMinutes })} · ${money(row.price)}`,
            }))}
            loading={classifications.isPending}
            error={loadError(classifications)}
            empty={service ? t('menu.noClassifications') : t('menu.pickService')}
            onEdit={(id) => setEditing({ level: 'classifications', row: tierRows.find((row) => row.id === id)! })}
            onToggle={toggle('classifications', tierRows)}
            onMove={move('classifications', tierRows)}
            busyId={busyIn('classifications')}
          />
        </Grid.Col>
      </Grid>

      {editing?.level === 'categories' && (
        <CategoryForm
          token={token}
          row={editing.row}
          defaultSortOrder={nextSortOrder(categoryRows)}
          onClose={() => setEditing(null)}
          onCreated={(id) => {
            setCategoryId(id);
            setServiceId(null);
          }}
        />
      )}
      {editing?.level === 'services' && category && (
        <ServiceForm
          token={token}
          row={editing.row}
          categories={categoryRows}
          categoryId={category.id}
          defaultSortOrder={nextSortOrder(serviceRows)}
          onClose={() => setEditing(null)}
          onCreated={setServiceId}
        />
      )}
      {editing?.level === 'classifications' && service && (
        <ClassificationForm
          token={token}
          row={editing.row}
          service={service}
          defaultSortOrder={nextSortOrder(tierRows)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** Sort order and active, the tail of every catalogue form. */
function OrderAndActive({
  sortOrder,
  setSortOrder,
  active,
  setActive,
  error,
}: {
  sortOrder: number | string;
  setSortOrder: (value: number | string) => void;
  active: boolean;
  setActive: (value: boolean) => void;
  error?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <>
      <NumberInput
        label={t('common.sortOrder')}
        description={t('common.sortOrderHint')}
        value={sortOrder}
        onChange={setSortOrder}
        allowDecimal={false}
        error={error}
      />
      <Checkbox
        label={t('common.activeField')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
      />
    </>
  );
}

const toInt = (value: number | string) => (typeof value === 'number' ? value : Number.parseInt(value, 10) || 0);

function CategoryForm({
  token,
  row,
  defaultSortOrder,
  onClose,
  onCreated,
}: {
  token: string;
  row: AdminCategoryView | null;
  defaultSortOrder: number;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState(row?.name ?? '');
  const [description, setDescription] = useState(row?.description ?? '');
  const [sortOrder, setSortOrder] = useState<number | string>(row?.sortOrder ?? defaultSortOrder);
  const [active, setActive] = useState(row?.active ?? true);
  const errors = useFormErrors();
  const write = useAdminWrite<Record<string, unknown>, { category: AdminCategoryView }>(token, {
    invalidate: [adminKeys.categories],
    success: (result) => (row ? t('common.saved') : t('menu.categoryCreated', { name: result.category.name })),
  });
  const submit = () => {
    if (!name.trim()) return errors.setLocal({ name: t('common.required') });
    errors.clear();
    const body = { name: name.trim(), description: description.trim(), sortOrder: toInt(sortOrder), active };
    write.mutate(
      row
        ? { method: 'PATCH', path: `/api/admin/categories/${row.id}`, body }
        : { method: 'POST', path: '/api/admin/categories', body },
      {
        onSuccess: (result) => {
          if (!row) onCreated(result.category.id);
          onClose();
        },
        onError: (error) => errors.setFromServer(error, ['name', 'description', 'sortOrder']),
      },
    );
  };
  return (
    <FormModal
      opened
      title={row ? t('menu.editCategory') : t('menu.newCategory')}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={row ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      <TextInput
        label={t('common.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.field('name')}
        required
        data-autofocus
      />
      <Textarea
        label={t('common.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={errors.field('description')}
        autosize
        minRows={2}
      />
      <OrderAndActive
        sortOrder={sortOrder}
        setSortOrder={setSortOrder}
        active={active}
        setActive={setActive}
        error={errors.field('sortOrder')}
      />
    </FormModal>
  );
}

function ServiceForm({
  token,
  row,
  categories,
  categoryId,
  defaultSortOrder,
  onClose,
  onCreated,
}: {
  token: string;
  row: AdminServiceView | null;
  categories: readonly AdminCategoryView[];
  categoryId: number;
  defaultSortOrder: number;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation('admin');
  const [category, setCategory] = useState(String(row?.categoryId ?? categoryId));
  const [name, setName] = useState(row?.name ?? '');
  const [description, setDescription] = useState(row?.description ?? '');
  const [sortOrder, setSortOrder] = useState<number | string>(row?.sortOrder ?? defaultSortOrder);
  const [active, setActive] = useState(row?.active ?? true);
  const [commission, setCommission] = useState<number | string>(row?.commissionPercent ?? 0);
  const errors = useFormErrors();
  const write = useAdminWrite<Record<string, unknown>, { service: AdminServiceView }>(token, {
    invalidate: [adminKeys.services],
    success: (result) => (row ? t('common.saved') : t('menu.serviceCreated', { name: result.service.name })),
  });
  const categoryName = categories.find((item) => item.id === categoryId)?.name ?? '';
  const submit = () => {
    if (!name.trim()) return errors.setLocal({ name: t('common.required') });
    errors.clear();
    const body = {
      categoryId: Number(category),
      name: name.trim(),
      description: description.trim(),
      sortOrder: toInt(sortOrder),
      commissionPercent: toInt(commission),
      active,
    };
    write.mutate(
      row
        ? { method: 'PATCH', path: `/api/admin/services/${row.id}`, body }
        : { method: 'POST', path: '/api/admin/services', body },
      {
        onSuccess: (result) => {
          if (!row) onCreated(result.service.id);
          onClose();
        },
        onError: (error) =>
          errors.setFromServer(error, ['categoryId', 'name', 'description', 'sortOrder', 'commissionPercent']),
      },
    );
  };
  return (
    <FormModal
      opened
      title={row ? t('menu.editService') : t('menu.newService', { category: categoryName })}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={row ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      {row && (
        <NativeSelect
          label={t('menu.categories')}
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          data={categories.map((item) => ({ value: String(item.id), label: item.name }))}
          error={errors.field('categoryId')}
        />
      )}
      <TextInput
        label={t('common.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.field('name')}
        required
        data-autofocus
      />
      <Textarea
        label={t('common.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={errors.field('description')}
        autosize
        minRows={2}
      />
      <NumberInput
        label={t('menu.commission')}
        description={t('menu.commissionHint')}
        value={commission}
        onChange={setCommission}
        min={0}
        max={100}
        allowDecimal={false}
        allowNegative={false}
        suffix="%"
        error={errors.field('commissionPercent')}
      />
      <OrderAndActive
        sortOrder={sortOrder}
        setSortOrder={setSortOrder}
        active={active}
        setActive={setActive}
        error={errors.field('sortOrder')}
      />
    </FormModal>
  );
}

function ClassificationForm({
  token,
  row,
  service,
  defaultSortOrder,
  onClose,
}: {
  token: string;
  row: AdminClassificationView | null;
  service: AdminServiceView;
  defaultSortOrder: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const shop = useShop();
  const { money } = useFormat();
  const digits = fractionDigitsOf(shop.currency, shop.locale);
  const [name, setName] = useState(row?.name ?? '');
  const [duration, setDuration] = useState<number | string>(row?.durationMinutes ?? 60);
  const [price, setPrice] = useState(row ? minorToTypedAmount(row.price, digits) : '');
  const [sortOrder, setSortOrder] = useState<number | string>(row?.sortOrder ?? defaultSortOrder);
  const [active, setActive] = useState(row?.active ?? true);
  const errors = useFormErrors();
  const write = useAdminWrite<Record<string, unknown>, { classification: AdminClassificationView }>(token, {
    invalidate: [adminKeys.classifications],
    success: (result) =>
      row ? t('common.saved') : t('menu.classificationCreated', { name: result.classification.name }),
  });
  const submit = () => {
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t('common.required');
    const minutes = typeof duration === 'number' ? duration : Number(duration);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES)
      local.durationMinutes = t('menu.durationInvalid', { max: MAX_DURATION_MINUTES });
    const typed = parseTypedAmount(price, digits);
    const amount = typed.ok ? typed.value : null;
    if (!price.trim()) local.price = t('common.required');
    else if (amount === null) local.price = t('menu.priceInvalid');
    else if (amount < 1) local.price = t('menu.priceTooLow');
    else if (amount > MAX_CLASSIFICATION_PRICE)
      local.price = t('menu.priceTooHigh', { max: money(MAX_CLASSIFICATION_PRICE) });
    if (Object.keys(local).length > 0) return errors.setLocal(local);
    errors.clear();
    const body = {
      name: name.trim(),
      durationMinutes: minutes,
      price: amount,
      sortOrder: toInt(sortOrder),
      active,
      ...(row ? {} : { serviceId: service.id }),
    };
    write.mutate(
      row
        ? { method: 'PATCH', path: `/api/admin/classifications/${row.id}`, body }
        : { method: 'POST', path: '/api/admin/classifications', body },
      {
        onSuccess: onClose,
        onError: (error) => errors.setFromServer(error, ['serviceId', 'name', 'durationMinutes', 'price', 'sortOrder']),
      },
    );
  };
  const typed = parseTypedAmount(price, digits);
  const parsed = typed.ok ? typed.value : null;
  return (
    <FormModal
      opened
      title={row ? t('menu.editClassification') : t('menu.newClassification', { service: service.name })}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={row ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      <TextInput
        label={t('common.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.field('name')}
        required
        data-autofocus
      />
      <NumberInput
        label={t('menu.duration')}
        value={duration}
        onChange={setDuration}
        min={1}
        max={MAX_DURATION_MINUTES}
        allowDecimal={false}
        error={errors.field('durationMinutes')}
        required
      />
      <TextInput
        label={t('menu.price', { currency: shop.currency })}
        description={parsed !== null && parsed > 0 ? money(parsed) : t('menu.priceHint')}
        value={price}
        onChange={(event) => setPrice(event.currentTarget.value)}
        inputMode="decimal"
        error={errors.field('price')}
        required
      />
      <OrderAndActive
        sortOrder={sortOrder}
        setSortOrder={setSortOrder}
        active={active}
        setActive={setActive}
        error={errors.field('sortOrder')}
      />
    </FormModal>
  );
}
