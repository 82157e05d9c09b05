import { businessDateOf, CANCEL_REASONS, PAYMENT_METHODS, type ReportSummary } from '@spaflow/domain';
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresTable } from './FiguresTable';
import { apiDownload, apiRequest, errorMessage } from '../../api/http';
import { useFormat, useShop } from '../../api/shop';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Figures for a range of business days, as tables, and the same as a CSV file. */
export function ReportsTab({ token }: { token: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const shop = useShop();
  const today = businessDateOf(Date.now(), shop.timeZone);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [downloading, setDownloading] = useState(false);
  const valid = DATE.test(from) && DATE.test(to) && from <= to;
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const summary = useQuery({
    queryKey: ['admin', 'reports', from, to],
    queryFn: ({ signal }) => apiRequest<ReportSummary>('GET', `/api/reports/summary?${query}`, { token, signal }),
    enabled: valid,
  });

  const download = async () => {
    setDownloading(true);
    try {
      await apiDownload(`/api/reports/summary.csv?${query}`, `spaflow-summary-${from}-to-${to}.csv`, { token });
      notifications.show({ color: 'teal', message: t('reports.downloaded') });
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
          label={t('reports.from')}
          value={from}
          max={to}
          onChange={(event) => setFrom(event.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={to}
          min={from}
          onChange={(event) => setTo(event.currentTarget.value)}
          required
        />
        <Button
          variant="default"
          onClick={() => {
            setFrom(today);
            setTo(today);
          }}
        >
          {t('reports.today')}
        </Button>
        <Button onClick={() => void download()} loading={downloading} disabled={!valid} ml="auto">
          {t('reports.download')}
        </Button>
      </Group>
      {!valid && (
        <Alert color="orange" role="alert">
          {t('reports.invalidRange')}
        </Alert>
      )}
      {summary.error && (
        <Alert color="red" role="alert" title={tc('errorTitle')}>
          {errorMessage(summary.error)}
        </Alert>
      )}
      {valid && summary.isPending && <Loader aria-label={tc('connection.loading')} />}
      {summary.data && <Summary report={summary.data} />}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({
  title,
  head,
  rows,
  foot,
}: {
  title: string;
  head: string[];
  rows: ReactNode[][];
  foot?: ReactNode[];
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      <FiguresTable label={title} head={head} rows={rows} foot={foot} />
    </Paper>
  );
}

function Summary({ report }: { report: ReportSummary }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { money, minutes } = useFormat();
  const shop = useShop();
  const seconds = (value: number | null) => (value === null ? t('reports.none') : minutes(value));
  const day = (date: string) =>
    new Intl.DateTimeFormat(shop.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  const { totals } = report;
  return (
    <Stack>
      <SimpleGrid cols={5}>
        <Figure label={t('reports.revenue')} value={money(totals.revenue.total)} />
        <Figure label={t('reports.paid')} value={String(totals.paid)} />
        <Figure label={t('reports.cancelled')} value={String(totals.cancelled)} />
        <Figure label={t('reports.avgWait')} value={seconds(totals.avgWaitSeconds)} />
        <Figure label={t('reports.avgService')} value={seconds(totals.avgServiceSeconds)} />
      </SimpleGrid>
      <Section
        title={t('reports.byDay')}
        head={[
          t('reports.date'),
          t('reports.paid'),
          t('reports.cancelled'),
          t('reports.methods.cash'),
          t('reports.methods.card'),
          t('reports.methods.ewallet'),
          t('reports.revenue'),
          t('reports.avgWait'),
          t('reports.avgService'),
        ]}
        rows={report.days.map((row) => [
          day(row.date),
          row.paid,
          row.cancelled,
          money(row.revenue.cash),
          money(row.revenue.card),
          money(row.revenue.ewallet),
          money(row.revenue.total),
          seconds(row.avgWaitSeconds),
          seconds(row.avgServiceSeconds),
        ])}
        foot={
          report.days.length > 1
            ? [
                t('reports.total'),
                totals.paid,
                totals.cancelled,
                money(totals.revenue.cash),
                money(totals.revenue.card),
                money(totals.revenue.ewallet),
                money(totals.revenue.total),
                seconds(totals.avgWaitSeconds),
                seconds(totals.avgServiceSeconds),
              ]
            : undefined
        }
      />
      <SimpleGrid cols={2}>
        <Section
          title={t('reports.byMethod')}
          head={[t('reports.method'), t('reports.amount')]}
          rows={PAYMENT_METHODS.map((method) => [t(`reports.methods.${method}`), money(totals.revenue[method])])}
          foot={[t('reports.total'), money(totals.revenue.total)]}
        />
        <Section
          title={t('reports.outcomes')}
          head={[t('reports.outcome'), t('reports.count')]}
          rows={[
            [tc('status.paid'), totals.paid],
            ...CANCEL_REASONS.map((reason) => [
              t('reports.cancelledBy', { reason: t(`reports.reasons.${reason}`) }),
              totals.cancelledByReason[reason],
            ]),
          ]}
          foot={[tc('status.cancelled'), totals.cancelled]}
        />
        <Section
          title={t('reports.byService')}
          head={[t('reports.service'), t('reports.quantity'), t('reports.revenue')]}
          rows={report.byService.map((row) => [row.serviceName, row.quantity, money(row.revenue)])}
        />
        <Section
          title={t('reports.byTherapist')}
          head={[t('reports.therapist'), t('reports.served'), t('reports.revenue')]}
          rows={report.byTherapist.map((row) => [row.displayName, row.served, money(row.revenue)])}
        />
      </SimpleGrid>
    </Stack>
  );
}
