import { SegmentedControl, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/**
 * English ⇄ Filipino for this device. Each language is named in its own words; switching keeps whatever
 * the screen holds (a cart, a step) because only the words change.
 */
export function LanguageSwitch({ size = 'md' }: { size?: MantineSize }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.choose')}
      value={(LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'en'}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.names.${language}`) }))}
    />
  );
}
