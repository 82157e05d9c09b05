import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A table of figures for the reports: the first column a label, the others right-aligned numbers. */
export function FiguresTable({
  label,
  head,
  rows,
  foot,
}: {
  label: string;
  head: string[];
  rows: ReactNode[][];
  foot?: ReactNode[];
}) {
  const { t } = useTranslation('admin');
  const align = (index: number) => (index === 0 ? 'left' : 'right');
  if (rows.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('reports.noRows')}
      </Text>
    );
  return (
    <Table striped verticalSpacing={6} aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {head.map((cell, index) => (
            <Table.Th key={cell} ta={align(index)}>
              {cell}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, rowIndex) => (
          <Table.Tr key={rowIndex}>
            {row.map((cell, index) => (
              <Table.Td key={index} ta={align(index)}>
                {cell}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      {foot && (
        <Table.Tfoot>
          <Table.Tr>
            {foot.map((cell, index) => (
              <Table.Th key={index} ta={align(index)}>
                {cell}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}
