import { Box, Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { STYLES } from '../api/styles';

/** The visual styles as radio cards, each with a swatch of its palette. */
export function StylePicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (style: string) => void;
  error?: string;
}) {
  return (
    <Radio.Group label="Style" value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
        {STYLES.map((style) => (
          <Radio.Card key={style.id} value={style.id} p="xs" radius="md" aria-label={style.label}>
            <Group wrap="nowrap" gap="xs">
              <Radio.Indicator />
              <Box
                aria-hidden
                w={36}
                h={36}
                style={{
                  borderRadius: 6,
                  flexShrink: 0,
                  background: `linear-gradient(135deg, ${style.background[0]}, ${style.background[1]})`,
                  borderBottom: `6px solid ${style.accent}`,
                }}
              />
              <Text size="sm">{style.label}</Text>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
