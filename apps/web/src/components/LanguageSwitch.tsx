import { SegmentedControl, type MantineSize, type SegmentedControlProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/**
 * English ⇄ Filipino for this device. Each language is named in its own words; switching keeps whatever
 * the screen holds (a cart, a step) because only the words change. `classNames` restyles it where a
 * screen needs bigger targets (the kiosk's 80 px, the board's TV).
 */
export function LanguageSwitch({
  size = 'md',
  classNames,
}: {
  size?: MantineSize;
  classNames?: SegmentedControlProps['classNames'];
}) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      classNames={classNames}
      aria-label={t('language.choose')}
      value={(LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'en'}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.names.${language}`) }))}
    />
  );
}
