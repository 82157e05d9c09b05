import { formatMoney, shopSettingsSchema, type MinorUnits, type ShopSettings } from '@spaflow/domain';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from './http';

const shopQuery = {
  queryKey: ['shop'],
  queryFn: async () => shopSettingsSchema.parse(await apiRequest('GET', '/api/shop')),
  staleTime: Infinity,
};

/** The shop's settings, loaded once per screen. */
export function useShop(): ShopSettings {
  return useSuspenseQuery(shopQuery).data;
}

/** Formatters in the shop's currency, locale and business time zone. */
export function useFormat() {
  const shop = useShop();
  const { t } = useTranslation();
  return {
    money: (amount: MinorUnits) => formatMoney(amount, shop),
    time: (iso: string | null) =>
      iso === null
        ? '—'
        : new Intl.DateTimeFormat(shop.locale, { timeZone: shop.timeZone, timeStyle: 'short' }).format(new Date(iso)),
    dateTime: (iso: string | null) =>
      iso === null
        ? '—'
        : new Intl.DateTimeFormat(shop.locale, {
            timeZone: shop.timeZone,
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(new Date(iso)),
    /** A duration as people read it: "4 min", "1 h 05 min". */
    minutes: (seconds: number) => {
      const total = Math.max(0, Math.round(seconds / 60));
      return total < 60
        ? t('duration.minutes', { minutes: total })
        : t('duration.hoursMinutes', { hours: Math.floor(total / 60), minutes: String(total % 60).padStart(2, '0') });
    },
  };
}
