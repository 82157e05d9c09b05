import { Title } from '@mantine/core';

export function MonitorScreen() {
  return <Title>Monitor</Title>;
}
