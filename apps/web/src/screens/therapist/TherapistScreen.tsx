import { Title } from '@mantine/core';

export function TherapistScreen() {
  return <Title>Therapist</Title>;
}
