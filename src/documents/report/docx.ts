/**
 * The commission report as DOCX (the `docx` package), for a secretariat to edit: real Word
 * headings (the navigation pane and the table-of-contents field read them; Word fills the
 * field when the file is opened), tables with repeated header rows, a running header and
 * «Стр. 3 из 12» page numbers in the footer, the per-sphere tables on landscape pages.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  type ISectionOptions,
  PageBreak,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  ShadingType,
  type Table,
  TableOfContents,
  TextRun,
} from 'docx';
// docx's own zip library (a dependency of docx), to restamp the package it made
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { COLOURS, type ReportContent } from './content';
import { REPORT_TEXTS, rt } from './text';

import { FONT, A4, run, blockOf } from './docx-blocks';

/** «Стр. {page} из {pages}» with Word's page fields in place of the placeholders. */
function pageNumber(locale: ReportContent['locale']): TextRun[] {
  const parts = REPORT_TEXTS[locale].page.split(/(\{page\}|\{pages\})/).filter(Boolean);
  return [
    new TextRun({
      font: FONT,
      size: 16,
      children: parts.map((p) =>
        p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p,
      ),
    }),
  ];
}

function titlePage(c: ReportContent): Paragraph[] {
  const tp = c.titlePage;
  const L = c.locale;
  const label = (text: string) =>
    new Paragraph({
      spacing: { before: 240, after: 40 },
      children: run(text.toUpperCase(), { bold: true, size: 16, color: COLOURS.muted }),
    });
  return [
    new Paragraph({
      spacing: { before: 1800, after: 120 },
      children: run(tp.kicker.toUpperCase(), { size: 20, color: COLOURS.muted }),
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: run(tp.title, { color: COLOURS.accent }) }),
    new Paragraph({ spacing: { before: 240, after: 360 }, children: run(tp.roadmap, { size: 28 }) }),
    label(rt(L, 'agreements')),
    ...tp.agreements.map((a) => new Paragraph({ children: run(a, { size: 22 }) })),
    label(rt(L, 'parties')),
    new Paragraph({ children: run(tp.parties, { size: 22 }) }),
    new Paragraph({ spacing: { before: 600 }, children: run(tp.asOf, { bold: true, size: 32 }) }),
    ...(tp.note
      ? [
          new Paragraph({
            spacing: { before: 480 },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF4D6' },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'E8A317', space: 8 } },
            children: run(tp.note, { italics: true, size: 18, color: '5C3D00' }),
          }),
        ]
      : []),
    new Paragraph({
      spacing: { before: 720 },
      children: run(tp.produced, { size: 16, color: COLOURS.muted }),
    }),
  ];
}

/** Renders the report to DOCX bytes. */
export async function renderDocx(c: ReportContent): Promise<Buffer> {
  const L = c.locale;
  const page = (landscape: boolean) => ({
    size: landscape
      ? { width: A4.w, height: A4.h, orientation: PageOrientation.LANDSCAPE }
      : { width: A4.w, height: A4.h, orientation: PageOrientation.PORTRAIT },
    margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin },
  });
  const header = new Header({
    children: [
      new Paragraph({
        children: run(`${c.running.left} · ${c.running.right}`, { size: 15, color: COLOURS.muted }),
      }),
    ],
  });
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: pageNumber(L) })],
  });
  // one section per orientation run: a landscape heading opens a landscape section
  const sections: ISectionOptions[] = [
    {
      properties: { page: page(false), titlePage: true },
      footers: { default: footer, first: new Footer({ children: [] }) },
      headers: { default: header, first: new Header({ children: [] }) },
      children: [
        ...titlePage(c),
        new Paragraph({ children: [new PageBreak()] }),
        // not a heading: the contents do not list themselves
        new Paragraph({
          spacing: { after: 160 },
          children: run(rt(L, 'contents'), { bold: true, size: 30, color: COLOURS.accent }),
        }),
        new TableOfContents(rt(L, 'contents'), { hyperlink: true, headingStyleRange: '1-2' }),
      ],
    },
  ];
  let current: (Paragraph | Table)[] = [];
  let landscape = false;
  const flush = () => {
    if (current.length)
      sections.push({
        properties: { page: page(landscape) },
        headers: { default: header },
        footers: { default: footer },
        children: current,
      });
    current = [];
  };
  for (const b of c.blocks) {
    if (b.kind === 'h1' && (b.landscape ?? false) !== landscape) {
      flush();
      landscape = b.landscape ?? false;
    } else if (b.kind === 'h1' && b.newPage && current.length) {
      current.push(new Paragraph({ children: [new PageBreak()] }));
    }
    current.push(...blockOf(b, landscape));
  }
  flush();
  const doc = new Document({
    creator: 'Accord',
    title: `${c.titlePage.title}: ${c.titlePage.roadmap}`,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 20 } } },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 48, bold: true, font: FONT },
        },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 30, bold: true, color: COLOURS.accent, font: FONT },
          paragraph: { spacing: { before: 240, after: 160 }, keepNext: true },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 24, bold: true, color: COLOURS.accent, font: FONT },
          paragraph: { spacing: { before: 200, after: 100 }, keepNext: true },
        },
      ],
    },
    sections,
  });
  return stampedAt(await Packer.toBuffer(doc), new Date(c.generatedAt));
}

/**
 * The package made repeatable: its dates set to when the report was produced (`docx` stamps
 * core.xml and every zip entry with the wall clock) and its bookmarks numbered from 1, so two
 * downloads of the same facts are the same bytes (and a test can tell a timestamp from a
 * change in what the reader may see).
 */
function stampedAt(zip: Buffer, at: Date): Buffer {
  const files = unzipSync(zip);
  const core = files['docProps/core.xml'];
  if (core) {
    const iso = `${at.toISOString().slice(0, 19)}Z`;
    const xml = strFromU8(core).replace(
      /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
      `$1${iso}$2`,
    );
    files['docProps/core.xml'] = strToU8(xml);
  }
  // heading bookmarks are numbered by a counter that lives as long as the process: renumber from 1
  const body = files['word/document.xml'];
  if (body) {
    const seen = new Map<string, number>();
    const number = (n: string) => {
      if (!seen.has(n)) seen.set(n, seen.size + 1);
      return seen.get(n)!;
    };
    const xml = strFromU8(body)
      .replace(/_Toc(\d+)/g, (_m, n: string) => `_Toc${number(n)}`)
      .replace(
        /(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g,
        (_m, head: string, n: string) => `${head}${number(n)}"`,
      );
    files['word/document.xml'] = strToU8(xml);
  }
  return Buffer.from(zipSync(files, { mtime: at }));
}
