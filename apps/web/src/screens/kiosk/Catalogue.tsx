import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import type { Catalog } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import type { CartLine } from './storage';

type Service = Catalog['categories'][number]['services'][number];
type Classification = Service['classifications'][number];

/** Category tabs, each with its services and their duration/price tiers as big buttons. */
export function Catalogue({
  catalog,
  cart,
  onAdd,
}: {
  catalog: Catalog;
  cart: readonly CartLine[];
  onAdd: (service: Service, classification: Classification) => void;
}) {
  const { t } = useTranslation('kiosk');
  const format = useFormat();
  const categories = catalog.categories.filter((category) => category.services.length > 0);
  const first = categories[0];
  if (!first) return <Alert color="gray">{t('catalogue.empty')}</Alert>;
  const inCart = (classificationId: number) =>
    cart.find((line) => line.classificationId === classificationId)?.quantity ?? 0;

  return (
    <Tabs defaultValue={String(first.id)} variant="pills" radius="xl" keepMounted={false}>
      <Tabs.List aria-label={t('catalogue.label')} mb="md">
        {categories.map((category) => (
          <Tabs.Tab key={category.id} value={String(category.id)} fz="lg" px="xl" py="md">
            {category.name}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {categories.map((category) => (
        <Tabs.Panel key={category.id} value={String(category.id)}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            {category.services.map((service) => (
              <Card key={service.id} withBorder radius="lg" padding="lg" shadow="xs" component="section">
                <Stack gap="sm" h="100%">
                  <div>
                    <Title order={3} fw={600}>
                      {service.name}
                    </Title>
                    {service.description && (
                      <Text c="dimmed" size="md" mt={4}>
                        {service.description}
                      </Text>
                    )}
                  </div>
                  <Stack gap="xs" mt="auto">
                    {service.classifications.map((classification) => {
                      const count = inCart(classification.id);
                      return (
                        <Button
                          key={classification.id}
                          variant={count > 0 ? 'light' : 'default'}
                          size="lg"
                          radius="md"
                          fullWidth
                          styles={{ label: { flex: 1 } }}
                          aria-label={t('catalogue.add', { service: service.name, tier: classification.name })}
                          onClick={() => onAdd(service, classification)}
                          rightSection={
                            count > 0 ? (
                              <Badge size="lg" circle aria-label={t('catalogue.inCart', { count })}>
                                {count}
                              </Badge>
                            ) : null
                          }
                        >
                          <Group gap="md" wrap="nowrap" justify="space-between" w="100%">
                            <Text span fw={500}>
                              {classification.name}
                            </Text>
                            <Text span fw={700}>
                              {format.money(classification.price)}
                            </Text>
                          </Group>
                        </Button>
                      );
                    })}
                  </Stack>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
