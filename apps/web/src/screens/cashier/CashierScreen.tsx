import { Title } from '@mantine/core';

export function CashierScreen() {
  return <Title>Cashier</Title>;
}
