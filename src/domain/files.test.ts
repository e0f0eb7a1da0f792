import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, isOleContainer, sniffKind } from './files';

const bytes = (...b: number[]) => new Uint8Array(b);
const zipWith = (entry: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${entry}....`)]);

describe('sniffKind', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n...')],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['gif', Buffer.from('GIF89a')],
    ['webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
    ['docx', zipWith('word/document.xml')],
    ['xlsx', zipWith('xl/workbook.xml')],
  ])('recognises %s by its content', (kind, data) => {
    expect(sniffKind(data, 'renamed.bin')).toBe(kind);
  });

  it('tells a PDF named .xlsx for what it is', () => {
    expect(sniffKind(Buffer.from('%PDF-1.4'), 'roadmap.xlsx')).toBe('pdf');
  });

  it('takes text as CSV only when the name says so', () => {
    expect(sniffKind(Buffer.from('a;b\n1;2\n'), 'x.csv')).toBe('csv');
    expect(sniffKind(Buffer.from('Статья 1.'), 'x.txt')).toBe('txt');
  });

  it('refuses an empty file, an unknown ZIP and binary noise', () => {
    expect(sniffKind(new Uint8Array())).toBeNull();
    expect(sniffKind(zipWith('mimetype'))).toBeNull();
    expect(sniffKind(bytes(0, 1, 2, 3, 0xfe))).toBeNull();
  });

  it('knows a password-protected Office file', () => {
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0);
    expect(isOleContainer(ole)).toBe(true);
    expect(sniffKind(ole)).toBeNull();
  });
});

describe('file names in headers', () => {
  it('keeps the last segment and drops what could break a header', () => {
    expect(cleanFileName('..\\..\\evil"\r\nname.pdf')).toBe('evilname.pdf');
    expect(cleanFileName('/etc/passwd')).toBe('passwd');
    expect(cleanFileName('...')).toBe('file');
  });

  it('sends an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Протокол №5.pdf')).toBe(
      `attachment; filename="________ _5.pdf"; filename*=UTF-8''${encodeURIComponent('Протокол №5.pdf')}`,
    );
    expect(contentDisposition('a"b.pdf', 'inline')).toBe(
      `inline; filename="ab.pdf"; filename*=UTF-8''ab.pdf`,
    );
  });
});
