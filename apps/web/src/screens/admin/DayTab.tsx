import { businessDateOf, dayReportSchema, PAYMENT_METHODS, type DayReport } from '@spaflow/domain';
import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresTable } from './FiguresTable';
import { apiDownload, apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One business day closed out: sales (gross, discounts, net), tips, refunds, what came in by method, whether
 * it reconciles, sales by hour, each therapist's earnings, and every drawer with its difference.
 */
export function DayTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const shop = useShop();
  const [date, setDate] = useState(() => businessDateOf(Date.now(), shop.timeZone));
  const [downloading, setDownloading] = useState(false);
  const valid = DATE.test(date);
  const report = useQuery({
    // Under ['admin', 'reports'] so the live floor refetches it after every step.
    queryKey: ['admin', 'reports', 'day', date],
    queryFn: async ({ signal }) =>
      dayReportSchema.parse(await apiRequest('GET', `/api/reports/day?date=${date}`, { token, signal })),
    enabled: valid,
  });
  const download = async () => {
    setDownloading(true);
    try {
      await apiDownload(`/api/reports/day.csv?date=${date}`, `spaflow-day-${date}.csv`, { token });
    } catch (error) {
      notifications.show({ color: 'red', title: tc('errorTitle'), message: errorMessage(error) });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('day.date')}
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          required
        />
        <Button onClick={() => void download()} loading={downloading} disabled={!valid} ml="auto">
          {t('reports.download')}
        </Button>
      </Group>
      {report.error && (
        <Alert color="red" role="alert" title={tc('errorTitle')}>
          {errorMessage(report.error)}
        </Alert>
      )}
      {valid && report.isPending && <Loader aria-label={tc('connection.loading')} />}
      {report.data && <Day report={report.data} />}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Day({ report }: { report: DayReport }) {
  const { t } = useTranslation('admin');
  const { money, time } = useFormat();
  /** Money taken off or paid out, with its minus (none on zero). */
  const less = (amount: number) => money(amount === 0 ? 0 : -amount);
  const signed = (amount: number) => (amount > 0 ? `+${money(amount)}` : money(amount));
  return (
    <Stack>
      <Group>
        <Badge size="xl" variant="outline" color={report.reconciles ? 'teal.9' : 'red.9'} data-testid="reconciles">
          {report.reconciles ? t('day.reconciles') : t('day.doesNotReconcile')}
        </Badge>
        <Text size="sm">
          {t('day.reconciliation', {
            left: money(report.reconciliation.left),
            right: money(report.reconciliation.right),
          })}
        </Text>
      </Group>
      <SimpleGrid cols={4}>
        <Figure label={t('day.grossSales')} value={money(report.grossSales)} testId="day-gross" />
        <Figure label={t('day.discounts')} value={less(report.discounts)} testId="day-discounts" />
        <Figure label={t('day.netSales')} value={money(report.netSales)} testId="day-net" />
        <Figure label={t('day.salesCount')} value={String(report.salesCount)} testId="day-count" />
        <Figure label={t('day.tips')} value={money(report.tips)} testId="day-tips" />
        <Figure label={t('day.refunds')} value={less(report.refunds)} testId="day-refunds" />
        <Figure label={t('day.paymentsReceived')} value={money(report.paymentsReceived)} testId="day-received" />
        <Figure label={t('day.refundsPaidOut')} value={less(report.refundsPaidOut)} testId="day-paid-out" />
      </SimpleGrid>
      <Section title={t('day.byHour')}>
        <SalesByHour hours={report.salesByHour} />
      </Section>
      <SimpleGrid cols={2}>
        <Section title={t('day.byMethod')}>
          <FiguresTable
            label={t('day.byMethod')}
            head={[t('reports.method'), t('day.received'), t('day.refunded')]}
            rows={PAYMENT_METHODS.map((method) => [
              t(`reports.methods.${method}`),
              money(report.paymentsByMethod[method]),
              money(report.refundsByMethod[method]),
            ])}
          />
        </Section>
        <Section title={t('day.drawers')}>
          <FiguresTable
            label={t('day.drawers')}
            head={[t('day.cashier'), t('day.opened'), t('day.expected'), t('day.counted'), t('day.difference')]}
            rows={report.drawers.map((drawer) => [
              drawer.counter ? `${drawer.cashier.displayName} (${drawer.counter})` : drawer.cashier.displayName,
              `${time(drawer.openedAt)}–${drawer.closedAt ? time(drawer.closedAt) : t('day.stillOpen')}`,
              money(drawer.expectedCash),
              drawer.countedCash === null ? '—' : money(drawer.countedCash),
              drawer.difference === null ? '—' : signed(drawer.difference),
            ])}
          />
        </Section>
      </SimpleGrid>
      <Section title={t('day.earnings')}>
        <FiguresTable
          label={t('day.earnings')}
          head={[
            t('reports.therapist'),
            t('day.services'),
            t('day.minutes'),
            t('day.netSales'),
            t('day.commissionPercent'),
            t('day.commission'),
            t('day.tips'),
          ]}
          rows={report.therapists.map((row) => [
            row.displayName,
            row.services,
            row.minutes,
            money(row.netSales),
            row.commissionPercent === null ? t('day.perService') : `${row.commissionPercent}%`,
            money(row.commission),
            money(row.tips),
          ])}
        />
      </Section>
    </Stack>
  );
}

/**
 * Net sales per hour as bars (SVG: no chart library for 24 bars), hours without sales left out at both
 * ends. The same figures are in the table under it for screen readers and for reading exact amounts.
 */
function SalesByHour({ hours }: { hours: DayReport['salesByHour'] }) {
  const { t } = useTranslation('admin');
  const { money } = useFormat();
  const withSales = hours.filter((hour) => hour.netSales !== 0);
  if (withSales.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('reports.noRows')}
      </Text>
    );
  const first = Math.min(...withSales.map((hour) => hour.hour));
  const last = Math.max(...withSales.map((hour) => hour.hour));
  const shown = hours.filter((hour) => hour.hour >= first && hour.hour <= last);
  const max = Math.max(...shown.map((hour) => hour.netSales), 1);
  const width = 48;
  const height = 160;
  const label = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return (
    <Stack gap="xs">
      <svg
        viewBox={`0 0 ${shown.length * width} ${height + 40}`}
        width="100%"
        height={height + 40}
        preserveAspectRatio="xMinYMid meet"
        role="img"
        aria-label={t('day.byHour')}
        data-testid="sales-by-hour"
      >
        {shown.map((hour, index) => {
          const barHeight = Math.max(0, (hour.netSales / max) * height);
          return (
            <g key={hour.hour} data-hour={hour.hour}>
              <rect
                x={index * width + 8}
                y={height - barHeight + 4}
                width={width - 16}
                height={barHeight}
                fill="var(--mantine-color-teal-9)"
                rx={3}
              />
              <text x={index * width + width / 2} y={height + 24} textAnchor="middle" fontSize="13" fill="currentColor">
                {label(hour.hour)}
              </text>
            </g>
          );
        })}
      </svg>
      <FiguresTable
        label={t('day.byHour')}
        head={[t('day.hour'), t('day.netSales')]}
        rows={shown.filter((hour) => hour.netSales !== 0).map((hour) => [label(hour.hour), money(hour.netSales)])}
      />
    </Stack>
  );
}
