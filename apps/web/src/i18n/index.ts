import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './messages';
import { admin } from './en/admin';
import { board } from './en/board';
import { cashier } from './en/cashier';
import { common } from './en/common';
import { kiosk } from './en/kiosk';
import { monitor } from './en/monitor';
import { phone } from './en/phone';
import { therapist } from './en/therapist';
import { admin as filAdmin } from './fil/admin';
import { cashier as filCashier } from './fil/cashier';
import { board as filBoard } from './fil/board';
import { common as filCommon } from './fil/common';
import { kiosk as filKiosk } from './fil/kiosk';
import { monitor as filMonitor } from './fil/monitor';
import { phone as filPhone } from './fil/phone';
import { therapist as filTherapist } from './fil/therapist';

const en = { common, kiosk, therapist, cashier, monitor, admin, board, phone };

/** English is the default; Filipino ships beside it. Filipino has every namespace English has: a missing one (or a missing key) fails the type check. */
const fil: { [Namespace in keyof typeof en]: Messages<(typeof en)[Namespace]> } = {
  common: filCommon,
  kiosk: filKiosk,
  therapist: filTherapist,
  cashier: filCashier,
  monitor: filMonitor,
  admin: filAdmin,
  board: filBoard,
  phone: filPhone,
};

export const resources = { en, fil } as const;

export const LANGUAGES = ['en', 'fil'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A test-only language: every English string wrapped in ⟦…⟧, so a browser test can find words on a
 * screen that did not come through i18n. Chosen only by the storage key below, never offered.
 */
export const PSEUDO_LANGUAGE = 'x-pseudo';

const LANGUAGE_KEY = 'spaflow.language';

function pseudo<T>(messages: T): T {
  if (typeof messages === 'string') return `⟦${messages}⟧` as T;
  return Object.fromEntries(Object.entries(messages as object).map(([key, value]) => [key, pseudo(value)])) as T;
}

function storedLanguage(): string {
  try {
    return localStorage.getItem(LANGUAGE_KEY) ?? 'en';
  } catch {
    return 'en';
  }
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: initial === PSEUDO_LANGUAGE ? { ...resources, [PSEUDO_LANGUAGE]: pseudo(en) } : resources,
  lng: initial === PSEUDO_LANGUAGE || (LANGUAGES as readonly string[]).includes(initial) ? initial : 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes what it renders
});

// The page's language follows the words on it (screen readers, hyphenation, the browser's own voice).
const followLanguage = (language: string) => {
  document.documentElement.lang = language === PSEUDO_LANGUAGE ? 'en' : language;
};
followLanguage(i18n.language);
i18n.on('languageChanged', followLanguage);

/** Switches this device's language at once and remembers it; what is on screen (cart, step) stays. */
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // a kiosk in private mode still switches, it only forgets after a reload
  }
  void i18n.changeLanguage(language);
}

export { i18n };
