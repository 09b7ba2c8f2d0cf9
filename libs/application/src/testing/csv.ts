/**
 * An RFC 4180 reader for specs: records of fields; a quoted field may hold commas, quotes
 * (doubled) and line breaks; records end in CRLF (a lone LF is accepted too). Strict, so that a
 * spec fails on output another CSV reader would misread: a stray quote, or text after a closing
 * quote, throws.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  /** The current record has begun (a field, even an empty quoted one, or a comma). */
  let started = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: up to the quote that is not doubled.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`unterminated quoted field at ${i}`);
        field += text.slice(j, q);
        if (text[q + 1] !== '"') {
          i = q + 1;
          break;
        }
        field += '"';
        j = q + 2;
      }
      if (i < text.length && !/[,\r\n]/.test(text[i]))
        throw new Error(`text after a closing quote at ${i}`);
      started = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
      started = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      [record, field, started] = [[], '', false];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (c === '"') {
      throw new Error(`a quote inside an unquoted field at ${i}`);
    } else {
      field += c;
      started = true;
      i++;
    }
  }
  if (started) records.push([...record, field]);
  return records;
}

/** Records as objects keyed by the header row (every row must have the header's width). */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => {
    if (row.length !== header.length)
      throw new Error(`a row of ${row.length} fields under a header of ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}
