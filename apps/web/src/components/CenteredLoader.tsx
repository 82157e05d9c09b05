import { Center, Loader } from '@mantine/core';

export function CenteredLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}
