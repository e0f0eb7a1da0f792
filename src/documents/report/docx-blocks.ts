/**
 * The building blocks of the DOCX report: page geometry, text runs, table cells, the bar
 * charts drawn as tables, and each content block of the neutral layout (content.ts) as Word
 * paragraphs and tables. docx.ts assembles them into the document.
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type Block, COLOURS, type Cell } from './content';

export const FONT = 'Arial';
/** A4 in twentieths of a point, and the body width inside 2 cm margins. */
export const A4 = { w: 11906, h: 16838, margin: 1134 };
const bodyWidth = (landscape: boolean) => (landscape ? A4.h : A4.w) - 2 * A4.margin;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };

export const run = (
  text: string,
  o: { bold?: boolean; color?: string; size?: number; italics?: boolean } = {},
) => {
  // line breaks inside a cell become Word line breaks, not literal newlines
  const lines = text.split('\n');
  return lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, font: FONT, ...o }));
};

function cellOf(c: Cell, width: number, align: 'left' | 'right' | 'center' | undefined, fill?: string) {
  const o = typeof c === 'string' ? { text: c } : c;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment:
          align === 'right'
            ? AlignmentType.RIGHT
            : align === 'center'
              ? AlignmentType.CENTER
              : AlignmentType.LEFT,
        indent: o.indent ? { left: o.indent * 160 } : undefined,
        children: run(o.text, { bold: o.bold, color: o.color, size: 16 }),
      }),
    ],
  });
}

function table(b: Extract<Block, { kind: 'table' }>, landscape: boolean): Table {
  const total = bodyWidth(landscape);
  const sum = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((total * c.width) / sum));
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: b.columns.map((c, i) =>
          cellOf({ text: c.header, bold: true }, widths[i], c.align, 'DCE3ED'),
        ),
      }),
      ...b.rows.map(
        (r, n) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) => cellOf(c, widths[i], b.columns[i].align, n % 2 ? 'F7F9FC' : undefined)),
          }),
      ),
    ],
  });
}

/** A horizontal bar as a one-row table: the filled share in the accent colour, the rest grey. */
function bar(value: number, width: number): Table {
  const filled = Math.round((width * Math.max(0, Math.min(value, 100))) / 100);
  const parts = [
    ...(filled > 0 ? [{ w: filled, fill: COLOURS.accent }] : []),
    ...(filled < width ? [{ w: width - filled, fill: 'E3E8EF' }] : []),
  ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: parts.map((p) => p.w),
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({
        height: { value: 200, rule: 'exact' },
        children: parts.map(
          (p) =>
            new TableCell({
              width: { size: p.w, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: p.fill },
              borders: NO_BORDERS,
              children: [new Paragraph({ children: [new TextRun({ text: '', size: 2 })] })],
            }),
        ),
      }),
    ],
  });
}

export function blockOf(b: Block, landscape: boolean): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'h1':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: run(b.text) })];
    case 'h2':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: run(b.text) })];
    case 'p':
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: run(b.text, b.muted ? { color: COLOURS.muted, size: 17 } : { size: 20 }),
        }),
      ];
    case 'figures':
      return [
        table(
          {
            kind: 'table',
            columns: [
              { header: '', width: 70 },
              { header: '', width: 30, align: 'right' },
            ],
            rows: b.items.map((f) => [
              f.label,
              { text: f.value, bold: true, color: f.tone ? COLOURS[f.tone] : undefined },
            ]),
          },
          landscape,
        ),
      ].map((t) => t);
    case 'bars': {
      const total = bodyWidth(landscape);
      const label = 3000;
      const value = 1700;
      const w = total - label - value;
      return [
        new Table({
          width: { size: total, type: WidthType.DXA },
          columnWidths: [label, w, value],
          borders: { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
          rows: b.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: [
                  new TableCell({
                    width: { size: label, type: WidthType.DXA },
                    borders: NO_BORDERS,
                    children: [new Paragraph({ children: run(r.label, { size: 18 }) })],
                  }),
                  new TableCell({
                    width: { size: w, type: WidthType.DXA },
                    borders: NO_BORDERS,
                    children: [bar(r.value, w - 200), new Paragraph('')],
                  }),
                  new TableCell({
                    width: { size: value, type: WidthType.DXA },
                    borders: NO_BORDERS,
                    children: [
                      new Paragraph({
                        alignment: AlignmentType.RIGHT,
                        children: run(r.caption, { size: 18 }),
                      }),
                    ],
                  }),
                ],
              }),
          ),
        }),
        new Paragraph({
          spacing: { before: 80, after: 200 },
          children: run(b.note, { color: COLOURS.muted, size: 16 }),
        }),
      ];
    }
    case 'table':
      return [table(b, landscape), new Paragraph({ spacing: { after: 120 }, children: [] })];
  }
}
