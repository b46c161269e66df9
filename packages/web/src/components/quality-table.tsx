import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { QualityCheck, QualityStandardResult } from '@looply/core';

const RESULTS = {
  pass: { label: 'pass', color: 'green' },
  fail: { label: 'fail', color: 'red' },
  'not measured': { label: 'not measured', color: 'gray' },
} as const;

function resultOf(standard: QualityStandardResult): keyof typeof RESULTS {
  if (standard.passed === null) return 'not measured';
  return standard.passed ? 'pass' : 'fail';
}

/**
 * The output check a worker ran on the finished video (as `looply check` prints it): each standard,
 * the measured value, the target and pass / fail / not measured, as text (colour is not the only signal).
 */
export function QualityTable({ quality }: { quality: QualityCheck }) {
  if (quality.status === 'not-measured')
    return (
      <Alert color="gray" title="Quality check not measured">
        {quality.reason}
      </Alert>
    );
  const { report } = quality;
  const measured = report.standards.length - report.notMeasured.length;
  const met = measured - report.failed.length;
  return (
    <Stack gap="xs">
      <Title order={3}>Quality check</Title>
      <Text size="sm" data-testid="quality-summary">
        {report.passed ? 'Pass' : 'Fail'}: {met} of {measured} measured standards met
        {report.notMeasured.length > 0 ? `; ${report.notMeasured.length} not measured` : ''}.
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label="Quality check">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Standard</Table.Th>
              <Table.Th>Measured</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.standards.map((standard) => {
              const result = resultOf(standard);
              return (
                <Table.Tr key={standard.id} data-standard={standard.id} data-result={result}>
                  <Table.Td>{standard.label}</Table.Td>
                  <Table.Td>{standard.measured}</Table.Td>
                  <Table.Td>{standard.limit}</Table.Td>
                  {/* Wide enough for "not measured" in full (a badge cuts its label with an ellipsis). */}
                  <Table.Td>
                    <Badge
                      color={RESULTS[result].color}
                      variant="dot"
                      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                    >
                      {RESULTS[result].label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
