/**
 * The commission report as PDF (pdfmake): a title page, a table of contents, running headers,
 * «Стр. 3 из 12» page numbers, figure cards, vector bar charts, and tables whose header row
 * repeats on every page. Roboto (shipped with pdfmake) covers Cyrillic and the Kazakh letters
 * ә ғ қ ң ө ұ ү һ і, so every language prints with one font.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type Block, COLOURS, type Cell, type ReportContent } from './content';
import { rt } from './text';

const require = createRequire(import.meta.url);
// pdfmake's server build is a CommonJS singleton; fonts are set once.
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// The document names no images or URLs; nothing outside the fonts may be read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p: string) => path.resolve(p).startsWith(FONT_DIR));

const hex = (c: string) => `#${c}`;
const A4 = { w: 595.28, h: 841.89 };
const MARGIN = { x: 48, top: 64, bottom: 52 };
const BAR = { label: 170, value: 90 };

function cell(c: Cell): Content {
  if (typeof c === 'string') return { text: c };
  return {
    text: c.text,
    bold: c.bold,
    color: c.color ? hex(c.color) : undefined,
    margin: c.indent ? [c.indent * 8, 0, 0, 0] : undefined,
  };
}

/** The body width of a page (portrait or landscape). */
const bodyWidth = (landscape: boolean) => (landscape ? A4.h : A4.w) - 2 * MARGIN.x;

function block(b: Block, landscape: boolean, first: boolean): Content {
  switch (b.kind) {
    case 'h1':
      return {
        text: b.text,
        style: 'h1',
        tocItem: true,
        ...(first
          ? {}
          : !b.newPage
            ? { margin: [0, 14, 0, 10] }
            : { pageBreak: 'before', pageOrientation: b.landscape ? 'landscape' : 'portrait' }),
      } as Content;
    case 'h2':
      return {
        text: b.text,
        style: 'h2',
        tocItem: true,
        tocMargin: [14, 0, 0, 0],
        tocStyle: 'toc2',
      } as Content;
    case 'p':
      return { text: b.text, style: b.muted ? 'muted' : 'body' };
    case 'figures': {
      const perRow = 4;
      const rows: Content[][] = [];
      for (let i = 0; i < b.items.length; i += perRow) {
        const row = b.items.slice(i, i + perRow).map(
          (f): Content => ({
            stack: [
              {
                text: f.value,
                fontSize: f.value.length > 8 ? 14 : 20,
                bold: true,
                color: hex(f.tone ? COLOURS[f.tone] : COLOURS.accent),
              },
              { text: f.label, fontSize: 8, color: hex(COLOURS.muted), margin: [0, 2, 0, 0] },
            ],
            fillColor: '#F1F4F9',
          }),
        );
        while (row.length < perRow) row.push({ text: '' });
        rows.push(row);
      }
      const line = 4;
      // pdfmake's column widths include the cell padding
      const col = (bodyWidth(landscape) - (perRow + 1) * line) / perRow;
      return {
        table: { widths: Array(perRow).fill(col), body: rows },
        layout: {
          hLineWidth: () => line,
          vLineWidth: () => line,
          hLineColor: () => '#FFFFFF',
          vLineColor: () => '#FFFFFF',
        },
        margin: [-line, 0, -line, 8],
      };
    }
    case 'bars': {
      const w = bodyWidth(landscape) - BAR.label - BAR.value - 12;
      return {
        stack: [
          {
            table: {
              widths: [BAR.label, w, BAR.value],
              body: b.rows.map((r) => [
                { text: r.label, fontSize: 9 },
                {
                  canvas: [
                    { type: 'rect', x: 0, y: 2, w, h: 10, color: '#E3E8EF' },
                    ...(r.value > 0
                      ? [
                          {
                            type: 'rect' as const,
                            x: 0,
                            y: 2,
                            w: (w * Math.min(r.value, 100)) / 100,
                            h: 10,
                            color: hex(COLOURS.accent),
                          },
                        ]
                      : []),
                  ],
                },
                { text: r.caption, fontSize: 9, alignment: 'right' },
              ]),
            },
            layout: 'noBorders',
          },
          { text: b.note, style: 'muted', margin: [0, 4, 0, 10] },
        ],
      };
    }
    case 'table': {
      const sum = b.columns.reduce((n, c) => n + c.width, 0);
      return {
        table: {
          headerRows: 1,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths: b.columns.map((c) => `${((100 * c.width) / sum).toFixed(2)}%`) as unknown as number[],
          body: [
            b.columns.map((c) => ({ text: c.header, style: 'th', alignment: c.align ?? 'left' })),
            ...b.rows.map((r) =>
              r.map(
                (c, i) => ({ ...(cell(c) as object), alignment: b.columns[i].align ?? 'left' }) as Content,
              ),
            ),
          ],
        },
        layout: {
          fillColor: (row: number) => (row === 0 ? '#DCE3ED' : row % 2 === 0 ? '#F7F9FC' : null),
          hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
          vLineWidth: () => 0,
          hLineColor: () => '#B8C2D0',
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
        style: 'td',
        margin: [0, 0, 0, 10],
      };
    }
  }
}

function titlePage(c: ReportContent): Content[] {
  const tp = c.titlePage;
  const L = c.locale;
  return [
    {
      text: tp.kicker.toUpperCase(),
      fontSize: 10,
      color: hex(COLOURS.muted),
      characterSpacing: 1.5,
      margin: [0, 90, 0, 8],
    },
    { text: tp.title, fontSize: 26, bold: true, color: hex(COLOURS.accent), margin: [0, 0, 0, 16] },
    {
      canvas: [{ type: 'rect', x: 0, y: 0, w: 80, h: 4, color: hex(COLOURS.accent) }],
      margin: [0, 0, 0, 20],
    },
    { text: tp.roadmap, fontSize: 14, margin: [0, 0, 0, 24] },
    { text: rt(L, 'agreements'), style: 'label' },
    ...tp.agreements.map((a): Content => ({ text: a, fontSize: 11, margin: [0, 0, 0, 4] })),
    { text: rt(L, 'parties'), style: 'label', margin: [0, 12, 0, 2] },
    { text: tp.parties, fontSize: 11 },
    { text: tp.asOf, fontSize: 16, bold: true, margin: [0, 36, 0, 0] },
    ...(tp.note
      ? [
          {
            table: {
              widths: ['*'],
              body: [[{ text: tp.note, fontSize: 9, italics: true, color: '#5C3D00' }]],
            },
            layout: {
              fillColor: () => '#FFF4D6',
              hLineWidth: () => 0,
              vLineWidth: (i: number) => (i === 0 ? 3 : 0),
              vLineColor: () => '#E8A317',
              paddingLeft: () => 10,
              paddingTop: () => 8,
              paddingBottom: () => 8,
            },
            margin: [0, 28, 0, 0],
          } as Content,
        ]
      : []),
    { text: tp.produced, fontSize: 8, color: hex(COLOURS.muted), margin: [0, 40, 0, 0], pageBreak: 'after' },
  ];
}

/** A running header keeps to one line: a long title is cut at a word, with an ellipsis. */
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, s.lastIndexOf(' ', max))} …`);

/** The document definition (exported so tests and the benchmark can look at it). */
export function pdfDefinition(c: ReportContent): TDocumentDefinitions {
  const L = c.locale;
  let landscape = false;
  const body: Content[] = c.blocks.map((b, i) => {
    if (b.kind === 'h1') landscape = !!b.landscape;
    return block(b, landscape, i === 0);
  });
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.x, MARGIN.top, MARGIN.x, MARGIN.bottom],
    info: {
      title: `${c.titlePage.title}: ${c.titlePage.roadmap}`,
      creator: 'Accord',
      producer: 'Accord',
      // the file ID is a hash of the info: the same facts at the same moment give the same bytes
      creationDate: new Date(c.generatedAt),
    },
    language: L,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, color: hex(COLOURS.accent), margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, color: hex(COLOURS.accent), margin: [0, 10, 0, 6] },
      toc2: { fontSize: 9 },
      body: { fontSize: 10, margin: [0, 0, 0, 6] },
      muted: { fontSize: 8.5, color: hex(COLOURS.muted), margin: [0, 0, 0, 6] },
      label: { fontSize: 8, bold: true, color: hex(COLOURS.muted), margin: [0, 0, 0, 2] },
      th: { bold: true, fontSize: 8, color: '#1D2B3A' },
      td: { fontSize: 8 },
    },
    header: (page: number, _pages: number, size: { orientation: string }) =>
      page === 1
        ? null
        : {
            columns: [
              {
                text: clip(c.running.left, size.orientation === 'landscape' ? 140 : 85),
                fontSize: 7.5,
                color: hex(COLOURS.muted),
                width: '*',
              },
              {
                text: c.running.right,
                fontSize: 7.5,
                color: hex(COLOURS.muted),
                width: 120,
                alignment: 'right',
              },
            ],
            columnGap: 16,
            margin: [MARGIN.x, 28, MARGIN.x, 0],
          },
    footer: (page: number, pages: number) =>
      page === 1
        ? null
        : {
            columns: [
              { text: c.titlePage.title, fontSize: 7.5, color: hex(COLOURS.muted) },
              { text: rt(L, 'page', { page, pages }), fontSize: 8, alignment: 'right' },
            ],
            margin: [MARGIN.x, 18, MARGIN.x, 0],
          },
    content: [
      ...titlePage(c),
      { toc: { title: { text: rt(L, 'contents'), style: 'h1' }, textStyle: { fontSize: 10 } } },
      { text: '', pageBreak: 'after' },
      ...body,
    ],
  };
}

/** Renders the report to PDF bytes. */
export async function renderPdf(c: ReportContent): Promise<Buffer> {
  return pdfmake.createPdf(pdfDefinition(c)).getBuffer();
}
