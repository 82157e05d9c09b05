import type { AdminRoomView, AdminStaffView, StaffRole } from '@spaflow/domain';
import { STAFF_ROLES } from '@spaflow/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/http';
import { adminKeys, useAdminWrite, useRooms, useStaff } from './api';
import { FormModal, useFormErrors } from './forms';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; member: AdminStaffView }
  | { kind: 'password'; member: AdminStaffView }
  | { kind: 'deactivate'; member: AdminStaffView }
  | null;

const ROLE_COLORS: Record<StaffRole, string> = { therapist: 'grape', cashier: 'blue', monitor: 'gray', admin: 'red' };

/** Every sign-in: who, which role, where they work; add, edit, reset a password, deactivate. */
export function StaffTab({ token, selfId }: { token: string; selfId: number }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const staff = useStaff(token);
  const rooms = useRooms(token);
  const [dialog, setDialog] = useState<Dialog>(null);
  const reactivate = useAdminWrite<{ active: true }, { staff: AdminStaffView }>(token, {
    invalidate: [adminKeys.staff],
    success: (result) => t('staff.reactivated', { name: result.staff.displayName }),
    notifyError: true,
    errorTitle: tc('errorTitle'),
  });
  const roomName = (id: number | null) => rooms.data?.find((room) => room.id === id)?.name ?? null;
  const members = [...(staff.data ?? [])].sort(
    (a, b) => STAFF_ROLES.indexOf(a.role) - STAFF_ROLES.indexOf(b.role) || a.username.localeCompare(b.username),
  );

  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setDialog({ kind: 'create' })}>{t('staff.add')}</Button>
      </Group>
      {staff.error && (
        <Alert color="red" role="alert">
          {errorMessage(staff.error)}
        </Alert>
      )}
      {staff.isPending && <Loader aria-label={tc('connection.loading')} />}
      {staff.data && staff.data.length === 0 && <Text c="dimmed">{t('staff.empty')}</Text>}
      {members.length > 0 && (
        <Paper withBorder>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label={t('tabs.staff')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staff.displayName')}</Table.Th>
                <Table.Th>{t('staff.username')}</Table.Th>
                <Table.Th>{t('staff.role')}</Table.Th>
                <Table.Th>{t('staff.place')}</Table.Th>
                <Table.Th>{t('staff.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => {
                const place =
                  member.role === 'therapist'
                    ? (roomName(member.homeRoomId) ?? t('staff.noHomeRoom'))
                    : member.role === 'cashier'
                      ? (member.counter ?? '—')
                      : '—';
                const busy = reactivate.isPending && reactivate.variables?.path === `/api/admin/staff/${member.id}`;
                return (
                  <Table.Tr key={member.id} data-testid={`staff-${member.username}`}>
                    <Table.Td>
                      <Text fw={600} c={member.active ? undefined : 'dimmed'}>
                        {member.displayName}
                        {member.id === selfId && (
                          <Text span c="dimmed" fw={400}>
                            {' '}
                            ({t('staff.you')})
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>{member.username}</Table.Td>
                    <Table.Td>
                      <Badge color={ROLE_COLORS[member.role]} variant="light">
                        {t(`staff.roles.${member.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{place}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Badge color={member.active ? 'teal' : 'gray'} variant={member.active ? 'light' : 'outline'}>
                          {member.active ? t('common.active') : t('common.inactive')}
                        </Badge>
                        {member.active && member.status === 'on_break' && (
                          <Badge color="yellow" variant="light">
                            {t('staff.onBreak')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={t('common.editItem', { name: member.displayName })}
                          onClick={() => setDialog({ kind: 'edit', member })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="gray"
                          onClick={() => setDialog({ kind: 'password', member })}
                        >
                          {t('staff.resetPassword')}
                        </Button>
                        {member.active ? (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            onClick={() => setDialog({ kind: 'deactivate', member })}
                          >
                            {t('common.deactivate')}
                          </Button>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="teal"
                            loading={busy}
                            disabled={reactivate.isPending}
                            onClick={() =>
                              reactivate.mutate({
                                method: 'PATCH',
                                path: `/api/admin/staff/${member.id}`,
                                body: { active: true },
                              })
                            }
                          >
                            {t('common.reactivate')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {dialog?.kind === 'create' && (
        <StaffForm token={token} member={null} rooms={rooms.data ?? []} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'edit' && (
        <StaffForm token={token} member={dialog.member} rooms={rooms.data ?? []} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'password' && (
        <PasswordForm token={token} member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateDialog token={token} member={dialog.member} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

function StaffForm({
  token,
  member,
  rooms,
  onClose,
}: {
  token: string;
  member: AdminStaffView | null;
  rooms: readonly AdminRoomView[];
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const [role, setRole] = useState<StaffRole>(member?.role ?? 'therapist');
  const [username, setUsername] = useState(member?.username ?? '');
  const [displayName, setDisplayName] = useState(member?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [counter, setCounter] = useState(member?.counter ?? '');
  const [homeRoomId, setHomeRoomId] = useState(member?.homeRoomId ? String(member.homeRoomId) : '');
  // Empty: each service's own percent applies; a number overrides it for this therapist.
  const [commission, setCommission] = useState(
    member?.commissionPercent === null || member?.commissionPercent === undefined
      ? ''
      : String(member.commissionPercent),
  );
  const errors = useFormErrors();
  const write = useAdminWrite<Record<string, unknown>, { staff: AdminStaffView }>(token, {
    invalidate: [adminKeys.staff],
    success: (result) =>
      member
        ? t('staff.updated', { name: result.staff.displayName })
        : t('staff.created', {
            name: result.staff.displayName,
            role: t(`staff.roles.${result.staff.role}`).toLowerCase(),
          }),
  });
  const fields = ['role', 'username', 'displayName', 'password', 'counter', 'homeRoomId', 'commissionPercent'];

  const submit = () => {
    const local: Record<string, string> = {};
    if (!member && !username.trim()) local.username = t('common.required');
    if (!displayName.trim()) local.displayName = t('common.required');
    if (!member && password.length === 0) local.password = t('common.required');
    const override = commission.trim() === '' ? null : Number(commission.trim());
    if (override !== null && !(Number.isInteger(override) && override >= 0 && override <= 100))
      local.commissionPercent = t('staff.commissionInvalid');
    if (Object.keys(local).length > 0) return errors.setLocal(local);
    errors.clear();
    const place = {
      ...(role === 'cashier' ? { counter: counter.trim() || null } : {}),
      ...(role === 'therapist'
        ? { homeRoomId: homeRoomId ? Number(homeRoomId) : null, commissionPercent: override }
        : {}),
    };
    const request = member
      ? {
          method: 'PATCH' as const,
          path: `/api/admin/staff/${member.id}`,
          body: { displayName: displayName.trim(), ...place },
        }
      : {
          method: 'POST' as const,
          path: '/api/admin/staff',
          body: { role, username: username.trim(), displayName: displayName.trim(), password, ...place },
        };
    write.mutate(request, { onSuccess: onClose, onError: (error) => errors.setFromServer(error, fields) });
  };

  return (
    <FormModal
      opened
      title={member ? t('staff.editTitle', { name: member.displayName }) : t('staff.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={member ? t('common.save') : t('common.create')}
      general={errors.errors.general}
    >
      {!member && (
        <NativeSelect
          label={t('staff.role')}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as StaffRole)}
          data={STAFF_ROLES.map((value) => ({ value, label: t(`staff.roles.${value}`) }))}
          error={errors.field('role')}
          required
        />
      )}
      {!member && (
        <TextInput
          label={t('staff.username')}
          description={t('staff.usernameHint')}
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={errors.field('username')}
          autoComplete="off"
          required
          data-autofocus
        />
      )}
      <TextInput
        label={t('staff.displayName')}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
        error={errors.field('displayName')}
        required
      />
      {!member && (
        <PasswordInput
          label={t('staff.password')}
          description={t('staff.passwordHint')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.field('password')}
          autoComplete="new-password"
          required
        />
      )}
      {role === 'cashier' && (
        <TextInput
          label={t('staff.counter')}
          description={t('staff.counterHint')}
          value={counter}
          onChange={(event) => setCounter(event.currentTarget.value)}
          error={errors.field('counter')}
        />
      )}
      {role === 'therapist' && (
        <NativeSelect
          label={t('staff.homeRoom')}
          value={homeRoomId}
          onChange={(event) => setHomeRoomId(event.currentTarget.value)}
          data={[
            { value: '', label: t('staff.noHomeRoom') },
            ...rooms
              .filter((room) => room.active || room.id === member?.homeRoomId)
              .map((room) => ({ value: String(room.id), label: room.name })),
          ]}
          error={errors.field('homeRoomId')}
        />
      )}
      {role === 'therapist' && (
        <TextInput
          label={t('staff.commission')}
          description={t('staff.commissionHint')}
          inputMode="numeric"
          value={commission}
          onChange={(event) => setCommission(event.currentTarget.value)}
          error={errors.field('commissionPercent')}
        />
      )}
    </FormModal>
  );
}

function PasswordForm({ token, member, onClose }: { token: string; member: AdminStaffView; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const write = useAdminWrite<{ password: string }>(token, {
    invalidate: [adminKeys.staff],
    success: () => t('staff.passwordReset', { name: member.displayName }),
  });
  const submit = () => {
    if (!password) return errors.setLocal({ password: t('common.required') });
    errors.clear();
    write.mutate(
      { method: 'PATCH', path: `/api/admin/staff/${member.id}`, body: { password } },
      { onSuccess: onClose, onError: (error) => errors.setFromServer(error, ['password']) },
    );
  };
  return (
    <FormModal
      opened
      title={t('staff.resetTitle', { name: member.displayName })}
      onClose={onClose}
      onSubmit={submit}
      saving={write.isPending}
      submitLabel={t('staff.resetPassword')}
      general={errors.errors.general}
    >
      <Text size="sm">{t('staff.resetBody')}</Text>
      <PasswordInput
        label={t('staff.newPassword')}
        description={t('staff.passwordHint')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={errors.field('password')}
        autoComplete="new-password"
        required
        data-autofocus
      />
    </FormModal>
  );
}

function DeactivateDialog({ token, member, onClose }: { token: string; member: AdminStaffView; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [error, setError] = useState<string | null>(null);
  const write = useAdminWrite<{ active: false }>(token, {
    invalidate: [adminKeys.staff],
    success: () => t('staff.deactivated', { name: member.displayName }),
  });
  const confirm = () => {
    setError(null);
    write.mutate(
      { method: 'PATCH', path: `/api/admin/staff/${member.id}`, body: { active: false } },
      { onSuccess: onClose, onError: (failure) => setError(errorMessage(failure)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('staff.deactivateTitle', { name: member.displayName })} centered>
      <Stack>
        <Text>{t('staff.deactivateBody', { name: member.displayName, username: member.username })}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={write.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={write.isPending} onClick={confirm} data-autofocus>
            {t('staff.deactivateConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
