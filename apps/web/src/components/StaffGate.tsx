import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/http';
import { useStaffSession, type Station, type StaffSession } from '../auth/session';

/** Shows the station's sign-in until someone allowed there signs in, then the station itself. */
export function StaffGate({
  station,
  children,
}: {
  station: Station;
  children: (session: StaffSession, signOut: () => Promise<void>) => ReactNode;
}) {
  const { session, signIn, signOut } = useStaffSession(station);
  if (session) return children(session, signOut);
  return <SignInForm station={station} signIn={signIn} />;
}

function SignInForm({
  station,
  signIn,
}: {
  station: Station;
  signIn: (username: string, password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(errorMessage(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="form" onSubmit={(event) => void submit(event)} withBorder shadow="sm" p="xl" w={380}>
        <Stack>
          <Title order={2}>{t('signIn.title', { station: t(`stations.${station}`) })}</Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('signIn.username')}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            autoComplete="username"
            autoFocus
            required
          />
          <PasswordInput
            label={t('signIn.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
