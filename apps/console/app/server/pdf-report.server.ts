/**
 * The session report as a PDF: the same figures as the page (server/report.server.ts), with their
 * units and definitions, for a candidate to keep or hand to a coach.
 */
import { PDFDocument } from 'pdf-lib';
import { scoringNote } from '../components/answer-scoring';
import { formatDateTime, formatDuration } from '../components/format';
import { reportHelp } from '../components/report-help';
import { formatSignal, signalHelp } from '../components/signal-help';
import { formatOffset } from '../components/timeline-format';
import { PdfLayout } from './pdf-layout.server';
import type { ReportBody, ReportSessionView } from './report.server';

export interface ReportPdfInput {
  session: ReportSessionView;
  report: ReportBody;
  candidateName: string;
  generatedAt: Date;
}

const percent = (value: number | null) => (value === null ? '-' : `${Math.round(value * 100)} %`);

export async function renderReportPdf({
  session,
  report,
  candidateName,
  generatedAt,
}: ReportPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Poise session report - ${candidateName} - ${formatDateTime(session.startedAt)}`);
  doc.setAuthor('Poise');
  doc.setSubject(`Session ${session.sessionId}`);
  doc.setCreationDate(generatedAt);
  const pdf = await PdfLayout.open(doc);

  pdf.text('Poise session report', { size: 20, bold: true, after: 6 });
  pdf.text(`Candidate: ${candidateName}`, { size: 11 });
  pdf.text(`Session: ${formatDateTime(session.startedAt)} - ${session.questionSetTitle}`, { size: 11 });
  pdf.text(
    `Duration: ${formatDuration(report.durationMs)} - ${report.answers.length} answers - status ${session.status}`,
    {
      size: 11,
    },
  );
  pdf.text(`Session id ${session.sessionId}. Generated ${formatDateTime(generatedAt)}.`, {
    muted: true,
    size: 8,
    after: 8,
  });
  pdf.rule();

  pdf.text('Summary', { size: 14, bold: true, after: 6 });
  pdf.text(
    report.earlierSessions === 0
      ? 'First reported session: nothing earlier to compare with.'
      : `Compared with the mean of ${report.earlierSessions} earlier reported session(s). ${reportHelp.comparison.formula}`,
    { muted: true, size: 8.5, after: 6 },
  );
  pdf.table(
    [
      { header: 'Signal', width: 0.22 },
      { header: 'This session', width: 0.16, align: 'right' },
      { header: 'Earlier mean', width: 0.16, align: 'right' },
      { header: 'Change', width: 0.12 },
      { header: 'How it is computed', width: 0.34 },
    ],
    report.summary.map((row) => [
      signalHelp[row.signal].label,
      formatSignal(row.signal, row.value),
      formatSignal(row.signal, row.earlier),
      row.change ?? '-',
      signalHelp[row.signal].formula,
    ]),
    8.5,
  );
  if (session.expressionAnalysis) {
    pdf.text(`Stress alerts: ${report.stressAlerts}. ${reportHelp.stressAlerts.formula}`, {
      size: 9,
      after: 8,
    });
  } else {
    pdf.text(
      "Expression analysis was off for this session (the institution's policy): composure, stress alerts and the expression distribution were not measured.",
      { size: 9, after: 8 },
    );
  }

  if (report.expressionDistribution !== null) {
    pdf.text('Expression distribution', { size: 12, bold: true, after: 2 });
    pdf.text(reportHelp.expressionDistribution.formula, { muted: true, size: 8.5, after: 4 });
    pdf.bars(
      report.expressionDistribution.map((entry) => ({
        label: entry.expression,
        share: entry.share,
        value: percent(entry.share),
      })),
    );
  }
  if (report.composureTimeline.length > 0) {
    pdf.text('Composure over the session', { size: 12, bold: true, after: 2 });
    pdf.text(reportHelp.composureTimeline.formula, { muted: true, size: 8.5, after: 4 });
    const points = report.composureTimeline;
    pdf.lineChart({
      points: points.map((point) => ({ x: point.offsetMs, y: point.composure })),
      yMin: 0,
      yMax: 1,
      yLabels: ['0 %', '100 %'],
      xLabels: [points[0]!.at, points[points.length - 1]!.at],
    });
  }
  if (report.vocalConfidenceTimeline.length > 0) {
    pdf.text('Vocal confidence per answer (0-10)', { size: 12, bold: true, after: 2 });
    pdf.text(reportHelp.vocalConfidenceTimeline.formula, { muted: true, size: 8.5, after: 4 });
    const points = report.vocalConfidenceTimeline;
    pdf.lineChart({
      points: points.map((point) => ({ x: point.offsetMs, y: point.vocalConfidence })),
      yMin: 0,
      yMax: 10,
      yLabels: ['0', '10'],
      xLabels: [formatOffset(points[0]!.offsetMs), formatOffset(points[points.length - 1]!.offsetMs)],
    });
  }

  pdf.newPage();
  pdf.text('Per question', { size: 14, bold: true, after: 2 });
  pdf.text(reportHelp.answerScores.formula, { muted: true, size: 8.5, after: 6 });
  pdf.table(
    [
      { header: '#', width: 0.05 },
      { header: 'Question', width: 0.35 },
      { header: 'Relevance', width: 0.12, align: 'right' },
      { header: 'Key points', width: 0.12, align: 'right' },
      { header: 'Pace', width: 0.12, align: 'right' },
      { header: 'Fillers', width: 0.12, align: 'right' },
      { header: 'Vocal conf.', width: 0.12, align: 'right' },
    ],
    report.answers.map((answer) => [
      String(answer.ordinal),
      `${answer.question}${answer.followUp ? ' (follow-up)' : ''}`,
      formatSignal('relevance', answer.relevance),
      percent(answer.coverage),
      formatSignal('wordsPerMinute', answer.wordsPerMinute),
      formatSignal('fillersPerMinute', answer.fillersPerMinute),
      formatSignal('vocalConfidence', answer.vocalConfidence),
    ]),
  );

  pdf.text('Suggestions', { size: 14, bold: true, after: 6 });
  for (const answer of report.answers) {
    pdf.ensureSpace(60);
    pdf.text(`${answer.ordinal}. ${answer.question}`, { size: 10.5, bold: true, after: 2 });
    const note = scoringNote(answer);
    if (note !== null) pdf.text(note, { size: 9.5, indent: 10, after: 2 });
    pdf.text(
      answer.missedKeyPoints.length === 0
        ? 'Missed key points: none.'
        : `Missed key points: ${answer.missedKeyPoints.join('; ')}.`,
      { size: 9.5, indent: 10, after: 2 },
    );
    for (const suggestion of answer.suggestions)
      pdf.text(`- ${suggestion}`, { size: 9.5, indent: 10, after: 1 });
    if (answer.suggestions.length === 0)
      pdf.text('No suggestion for this answer.', { size: 9.5, indent: 10, after: 1 });
    if (answer.modelAnswer !== null) {
      pdf.text(`Model answer: ${answer.modelAnswer}`, { size: 9, indent: 10, muted: true, after: 8 });
    }
  }

  pdf.footer('Poise is for practice and coaching, not for hiring decisions.');
  return doc.save();
}
