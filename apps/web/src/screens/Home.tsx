import { Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { STATIONS } from '@spaflow/domain';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The front door: one card per station. */
export function Home() {
  const { t } = useTranslation();
  return (
    <Container size="md" py="xl" component="main">
      <Group justify="space-between" align="flex-start" mb="lg">
        <Stack gap="xs">
          <Title order={1}>{t('appName')}</Title>
          <Text c="dimmed">{t('home.subtitle')}</Text>
        </Stack>
        <LanguageSwitch />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {STATIONS.map((station) => (
          <Card key={station} component={Link} to={`/${station}`} withBorder padding="lg" shadow="xs">
            <Title order={2} size="h3">
              {t(`stations.${station}`)}
            </Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t(`stationHints.${station}`)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Container>
  );
}
