import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Divider,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { MAX_LINE_QUANTITY, PRIORITY_REASONS, type PriorityReason } from '@spaflow/domain';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../api/shop';
import type { CartLine } from './storage';

/** The cart: lines with quantities, a problem shown on the line it belongs to, priority, and "Review". */
export function Cart({
  cart,
  priority,
  lineErrors,
  error,
  reviewing,
  onQuantity,
  onRemove,
  onPriority,
  onReview,
  onStartOver,
  listMaxHeight,
}: {
  cart: readonly CartLine[];
  priority: PriorityReason | null;
  /** Problems the server found, by line index. */
  lineErrors: Readonly<Record<number, string>>;
  error: string | null;
  reviewing: boolean;
  onQuantity: (index: number, quantity: number) => void;
  onRemove: (index: number) => void;
  onPriority: (priority: PriorityReason | null) => void;
  onReview: () => void;
  onStartOver: () => void;
  /** In the side panel the lines scroll, so "Review" stays on screen. */
  listMaxHeight?: string;
}) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const count = cart.reduce((sum, line) => sum + line.quantity, 0);
  const total = cart.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const minutes = cart.reduce((sum, line) => sum + line.durationMinutes * line.quantity, 0);

  return (
    <Stack gap="md" component="section" aria-label={t('cart.title')}>
      <Group justify="space-between" align="baseline">
        <Title order={2} fw={600}>
          {t('cart.title')}
        </Title>
        {count > 0 && <Text c="dimmed">{t('cart.items', { count })}</Text>}
      </Group>

      {cart.length === 0 ? (
        <Text c="dimmed" size="lg" py="md">
          {t('cart.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={listMaxHeight} type="auto" offsetScrollbars>
          <Stack gap="sm" role="list">
            {cart.map((line, index) => {
              const name = `${line.serviceName} ${line.classificationName}`;
              const problem = lineErrors[index];
              return (
                <Card
                  key={line.classificationId}
                  role="listitem"
                  aria-label={name}
                  withBorder
                  radius="md"
                  padding="sm"
                  style={problem ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div>
                      <Text fw={600} size="lg">
                        {line.serviceName}
                      </Text>
                      <Text c="dimmed">
                        {line.classificationName} · {format.money(line.price)}
                      </Text>
                    </div>
                    <Text fw={600} size="lg">
                      {format.money(line.price * line.quantity)}
                    </Text>
                  </Group>
                  <Group justify="space-between" mt="xs" wrap="nowrap">
                    <Group gap="xs" wrap="nowrap">
                      <ActionIcon
                        size={48}
                        radius="xl"
                        variant="default"
                        aria-label={t('cart.decrease', { name })}
                        disabled={line.quantity <= 1 || reviewing}
                        onClick={() => onQuantity(index, line.quantity - 1)}
                      >
                        <Text fz={24} lh={1}>
                          −
                        </Text>
                      </ActionIcon>
                      <Text
                        fz={22}
                        fw={700}
                        w={40}
                        ta="center"
                        aria-label={t('cart.quantity', { name })}
                        data-testid="quantity"
                      >
                        {line.quantity}
                      </Text>
                      <ActionIcon
                        size={48}
                        radius="xl"
                        variant="default"
                        aria-label={t('cart.increase', { name })}
                        disabled={line.quantity >= MAX_LINE_QUANTITY || reviewing}
                        onClick={() => onQuantity(index, line.quantity + 1)}
                      >
                        <Text fz={24} lh={1}>
                          +
                        </Text>
                      </ActionIcon>
                    </Group>
                    <Button
                      variant="subtle"
                      color="red"
                      size="md"
                      disabled={reviewing}
                      aria-label={t('cart.remove', { name })}
                      onClick={() => onRemove(index)}
                    >
                      {t('cart.removeShort')}
                    </Button>
                  </Group>
                  {problem && (
                    <Alert color="red" mt="xs" p="xs" role="alert">
                      <Text size="sm" fw={600}>
                        {problem}
                      </Text>
                      <Text size="sm">{t('cart.lineProblem')}</Text>
                    </Alert>
                  )}
                </Card>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      )}

      <Stack gap={6}>
        <Text fw={600}>{t('priority.label')}</Text>
        <SimpleGrid cols={2} spacing="xs" role="group" aria-label={t('priority.label')}>
          {[null, ...PRIORITY_REASONS].map((reason) => (
            <Button
              key={reason ?? 'none'}
              size="md"
              radius="xl"
              variant={priority === reason ? 'filled' : 'default'}
              color={reason ? 'grape' : 'teal'}
              aria-pressed={priority === reason}
              disabled={reviewing}
              onClick={() => onPriority(reason)}
            >
              {t(`priority.${reason ?? 'none'}`)}
            </Button>
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('priority.hint')}
        </Text>
      </Stack>

      {cart.length > 0 && (
        <>
          <Divider />
          <Group justify="space-between" align="baseline">
            <Text size="lg">{t('cart.menuTotal')}</Text>
            <Text fz={28} fw={700} data-testid="cart-total">
              {format.money(total)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" mt={-12}>
            {t('cart.duration', { time: format.minutes(minutes * 60) })} · {t('cart.totalHint')}
          </Text>
        </>
      )}

      {error && (
        <Alert color="red" title={tc('errorTitle')} role="alert">
          {error}
        </Alert>
      )}

      <Button size="xl" radius="xl" disabled={cart.length === 0} loading={reviewing} onClick={onReview}>
        {t('cart.review')}
      </Button>
      {cart.length > 0 && (
        <Button variant="subtle" color="gray" size="md" disabled={reviewing} onClick={onStartOver}>
          {t('cart.startOver')}
        </Button>
      )}
    </Stack>
  );
}
