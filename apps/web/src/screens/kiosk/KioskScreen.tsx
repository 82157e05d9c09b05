import { Title } from '@mantine/core';

export function KioskScreen() {
  return <Title>Kiosk</Title>;
}
