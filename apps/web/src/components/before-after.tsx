type Values = Record<string, unknown> | null | undefined;

const valueText = (value: unknown) =>
  value === null || value === undefined
    ? 'none'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** Before → after of a correction, one row per field changed. */
export function BeforeAfter({ before, after }: { before: Values; after: Values }) {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (fields.length === 0) return null;
  return (
    <table class="values">
      <caption>Corrected fields</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field}>
            <th scope="row">{field}</th>
            <td data-testid={`before-${field}`}>
              {before && field in before ? valueText(before[field]) : '—'}
            </td>
            <td data-testid={`after-${field}`}>
              {after && field in after ? valueText(after[field]) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
