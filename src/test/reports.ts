/** Helpers of the report tests: periods, multipart bodies, files of each kind. */
import { periods } from '../db/schema';
import type { Db } from '../db/client';

/** Adds a period to a roadmap straight into the table (state and dates as given). */
export async function buildPeriod(
  db: Db,
  o: {
    roadmapId: string;
    code: string;
    startDate: string;
    endDate: string;
    reportDueDate: string;
    state?: 'open' | 'closed' | 'locked';
  },
) {
  const [p] = await db.insert(periods).values(o).returning();
  return p;
}

/** The smallest PDF `sniffKind` recognises, with some text to tell files apart. */
export const pdfBytes = (text = 'evidence') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

/** A multipart/form-data body with one file and text fields, and its content type. */
export function multipart(
  file: { name: string; data: Buffer; type?: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----accord${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
