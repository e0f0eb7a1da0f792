/** The text of an uploaded agreement: a TXT file (UTF-8, or Windows-1251) or a DOCX's raw text. */
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { invalid } from '../../domain/errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a TXT file: UTF-8 (with or without BOM), else Windows-1251, the other encoding Russian files come in. */
export function decodeText(data: Buffer): string {
  try {
    return utf8.decode(data).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(data, 'win1251');
  }
}

/** The text of a TXT or DOCX upload; a DOCX that cannot be read is a 400 naming the file. */
export async function uploadedText(kind: string, data: Buffer): Promise<string> {
  if (kind !== 'docx') return decodeText(data);
  try {
    const r = await mammoth.extractRawText({ buffer: data });
    return r.value;
  } catch (e) {
    throw invalid('file', 'provisionImport.docx', {
      reason: String((e as Error)?.message ?? e).slice(0, 200),
    });
  }
}
