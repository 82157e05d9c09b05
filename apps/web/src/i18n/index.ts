import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { admin } from './en/admin';
import { cashier } from './en/cashier';
import { common } from './en/common';
import { kiosk } from './en/kiosk';
import { monitor } from './en/monitor';
import { therapist } from './en/therapist';

/** English is the shop's default; another language is one more set of these files. */
export const resources = { en: { common, kiosk, therapist, cashier, monitor, admin } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes what it renders
});

export { i18n };
