import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A HubSpot contacts export of `rows` rows, the shape tests/lib/import/import-100k.test.ts
 * imports (the same columns, quoting, a multi-line address every 1,000th row and a bad email
 * every 10,000th), written to `path`. Every 10th row has an email-open date, which the
 * import turns into an event. Deterministic: the same file every run.
 */
export async function writeHubspotCsv(path: string, rows: number): Promise<void> {
  const header = [
    'Record ID',
    'First Name',
    'Last Name',
    'Email',
    'Job Title',
    'Company Name',
    'Website URL',
    'Number of Employees',
    'Street Address',
    'Country/Region',
    'Lifecycle Stage',
    'Create Date',
    'Last marketing email open date',
  ];
  const first = ['Dana', 'Tomás', 'Priya', 'Jonas', 'Chloé', 'Kenji', 'Olivia', 'Lucas', 'Emma', 'Rahul'];
  const last = ['Whitfield', 'Ibarra', 'Raman', 'Becker', 'Martin', 'Watanabe', 'Brennan', 'Pereira', 'Johansson'];
  const countries = ['United States', 'Germany', 'France', 'Japan', 'Brazil'];
  const stages = ['Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead'];
  const out = createWriteStream(path);
  let chunk = `${header.join(',')}\r\n`;
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const bad = i % 10_000 === 4_999;
    chunk += `${[
      String(90_000_000 + i),
      first[i % first.length],
      last[(i >> 3) % last.length],
      bad ? `contact${i}@@broken` : `contact${i}@company${i % 997}.example`,
      `"Director, Data ${i % 50}"`,
      `Company ${i % 997}`,
      `company${i % 997}.example`,
      String(10 + (i % 5000)),
      i % 1000 === 0 ? `"${i} Main Street\nSuite ${i % 7}"` : `"${i} Main Street, Floor 2"`,
      countries[i % countries.length],
      stages[i % stages.length],
      `2026-10-${day} 09:${String(i % 60).padStart(2, '0')}`,
      i % 10 === 0 ? `2026-11-${day} 10:00` : '',
    ].join(',')}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
