import { Anchor, Center, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Stack align="center">
        <Text size="lg">{t('notFound')}</Text>
        <Anchor component={Link} to="/">
          {t('home.title')}
        </Anchor>
      </Stack>
    </Center>
  );
}
