import { Title } from '@mantine/core';

export function AdminScreen() {
  return <Title>Admin</Title>;
}
