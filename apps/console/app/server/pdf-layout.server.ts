/**
 * A small top-to-bottom page writer over pdf-lib: wrapped text, tables and simple vector line charts,
 * starting a new A4 page when the next block does not fit. The standard Helvetica fonts only encode
 * WinAnsi, so text is reduced to characters the font has (≤ becomes <=, unknown ones ?).
 */
import { type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const INK = rgb(0.06, 0.09, 0.16);
const MUTED = rgb(0.39, 0.45, 0.55);
const RULE = rgb(0.85, 0.88, 0.92);

const replacements: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '−': '-',
  '·': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  indent?: number;
  /** Space after the block, in points. */
  after?: number;
}

export interface TableColumn {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

export interface ChartSeries {
  /** x in any unit (drawn from min to max of all points); y within [yMin, yMax]. */
  points: { x: number; y: number }[];
  yMin: number;
  yMax: number;
  /** Labels of the y axis ends and the x axis ends. */
  yLabels: [string, string];
  xLabels: [string, string];
}

export class PdfLayout {
  private page!: PDFPage;
  private y = 0;
  private readonly charset: Set<number>;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  static async open(doc: PDFDocument): Promise<PdfLayout> {
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    return new PdfLayout(doc, regular, bold);
  }

  get contentWidth(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN + 16) this.newPage();
  }

  /** Text the standard font can encode. */
  safe(text: string): string {
    return [...text]
      .map((char) => {
        const code = char.codePointAt(0)!;
        if (char === '\n' || this.charset.has(code)) return char;
        return replacements[char] ?? '?';
      })
      .join('');
  }

  private lines(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.safe(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter((part) => part !== '')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const font = style.bold ? this.bold : this.regular;
    const indent = style.indent ?? 0;
    const leading = size * 1.3;
    for (const line of this.lines(text, font, size, this.contentWidth - indent)) {
      this.ensureSpace(leading);
      this.y -= leading;
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y + size * 0.25,
        size,
        font,
        color: style.muted ? MUTED : INK,
      });
    }
    this.y -= style.after ?? 4;
  }

  rule(): void {
    this.ensureSpace(8);
    this.y -= 4;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 4;
  }

  table(columns: TableColumn[], rows: string[][], size = 9): void {
    const widths = columns.map((column) => column.width * this.contentWidth);
    const leading = size * 1.3;
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((cell, index) => this.lines(cell, font, size, widths[index]! - 6));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * leading + 4;
      this.ensureSpace(height);
      let x = MARGIN;
      wrapped.forEach((lines, index) => {
        const column = columns[index]!;
        lines.forEach((line, lineIndex) => {
          const width = font.widthOfTextAtSize(line, size);
          const left = column.align === 'right' ? x + widths[index]! - 6 - width : x;
          this.page.drawText(line, {
            x: left,
            y: this.y - (lineIndex + 1) * leading + size * 0.25,
            size,
            font,
            color: INK,
          });
        });
        x += widths[index]!;
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y + 1 },
        end: { x: A4[0] - MARGIN, y: this.y + 1 },
        thickness: 0.4,
        color: RULE,
      });
    };
    drawRow(
      columns.map((column) => column.header),
      this.bold,
    );
    for (const row of rows) drawRow(row, this.regular);
    this.y -= 6;
  }

  /** Horizontal bars of shares in [0, 1], one labelled row each. */
  bars(rows: { label: string; share: number; value: string }[]): void {
    const labelWidth = 80;
    const barWidth = this.contentWidth - labelWidth - 50;
    for (const row of rows) {
      this.ensureSpace(14);
      this.y -= 14;
      this.page.drawText(this.safe(row.label), {
        x: MARGIN,
        y: this.y + 3,
        size: 9,
        font: this.regular,
        color: INK,
      });
      this.page.drawRectangle({
        x: MARGIN + labelWidth,
        y: this.y + 2,
        width: Math.max(0.5, Math.min(1, row.share) * barWidth),
        height: 8,
        color: rgb(0.39, 0.4, 0.95),
      });
      this.page.drawText(this.safe(row.value), {
        x: MARGIN + labelWidth + barWidth + 6,
        y: this.y + 3,
        size: 9,
        font: this.regular,
        color: INK,
      });
    }
    this.y -= 8;
  }

  /** A line chart drawn as vector lines in a framed box. */
  lineChart(series: ChartSeries, height = 110): void {
    const frame = { x: MARGIN + 40, width: this.contentWidth - 40, height };
    this.ensureSpace(height + 24);
    const bottom = this.y - height;
    this.page.drawRectangle({
      x: frame.x,
      y: bottom,
      width: frame.width,
      height,
      borderColor: RULE,
      borderWidth: 0.6,
    });
    const label = (text: string, x: number, y: number) =>
      this.page.drawText(this.safe(text), { x, y, size: 8, font: this.regular, color: MUTED });
    label(series.yLabels[1], MARGIN, bottom + height - 8);
    label(series.yLabels[0], MARGIN, bottom);
    label(series.xLabels[0], frame.x, bottom - 11);
    const endLabel = this.safe(series.xLabels[1]);
    label(endLabel, frame.x + frame.width - this.regular.widthOfTextAtSize(endLabel, 8), bottom - 11);
    const xs = series.points.map((point) => point.x);
    const xMin = Math.min(...xs);
    const xSpan = Math.max(1e-9, Math.max(...xs) - xMin);
    const ySpan = series.yMax - series.yMin;
    const toPage = (point: { x: number; y: number }) => ({
      x: frame.x + (series.points.length === 1 ? frame.width / 2 : ((point.x - xMin) / xSpan) * frame.width),
      y: bottom + ((Math.min(Math.max(point.y, series.yMin), series.yMax) - series.yMin) / ySpan) * height,
    });
    const mapped = series.points.map(toPage);
    for (let index = 1; index < mapped.length; index++) {
      this.page.drawLine({
        start: mapped[index - 1]!,
        end: mapped[index]!,
        thickness: 1.2,
        color: rgb(0.02, 0.59, 0.41),
      });
    }
    for (const point of mapped)
      this.page.drawCircle({ x: point.x, y: point.y, size: 1.6, color: rgb(0.02, 0.59, 0.41) });
    this.y = bottom - 20;
  }

  /** "Page n of m" and a fixed note at the foot of every page. */
  footer(note: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      page.drawText(this.safe(`${note}    Page ${index + 1} of ${pages.length}`), {
        x: MARGIN,
        y: MARGIN / 2,
        size: 7.5,
        font: this.regular,
        color: MUTED,
      });
    });
  }
}
