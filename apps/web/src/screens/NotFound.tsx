import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** A mistyped address: the app's own page, with the way back. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack align="center" maw={560} ta="center">
        <Title order={1}>{t('notFound.title')}</Title>
        <Text size="lg">{t('notFound.body')}</Text>
        <Button component={Link} to="/" size="lg">
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
