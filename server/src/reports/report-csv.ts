// A report as a spreadsheet: one header row, one row per group, then the total. Shares are percentages
// and times are minutes, both as plain numbers so a spreadsheet can sum and chart them.
import type { ArrivalFigures, Report, ReportRow } from '@foleni/shared';
import type { CsvValue } from './csv.js';
import { toCsv } from './csv.js';

const GROUP_TITLES: Record<Report['groupBy'], string> = {
  service: 'Service',
  hour: 'Hour of issue',
  day: 'Day',
  counter: 'Counter',
  clerk: 'Clerk',
};

export const REPORT_CSV_COLUMNS = [
  'Issued',
  'Called',
  'Served',
  'No-shows',
  'Cancelled',
  'Expired',
  'No-show rate (%)',
  'Median wait (min)',
  '90th percentile wait (min)',
  'Average wait (min)',
  'Average service time (min)',
  'Average walk-up (min)',
  'Called within target (%)',
  'Feedback count',
  'Feedback average (1-5)',
] as const;

const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

function cells(r: ReportRow): CsvValue[] {
  return [
    r.issued,
    r.called,
    r.served,
    r.noShows,
    r.cancelled,
    r.expired,
    percent(r.noShowRate),
    r.medianWaitMinutes,
    r.p90WaitMinutes,
    r.averageWaitMinutes,
    r.averageServiceMinutes,
    r.averageWalkUpMinutes,
    percent(r.withinTargetShare),
    r.feedbackCount,
    r.feedbackAverage,
  ];
}

const ARRIVAL_COLUMNS = ['Arrival', 'Issued', 'Served', 'No-shows', 'Median wait (min)', 'Bookings honoured within slot and grace (%)', 'Bookings never checked in'] as const;

const arrivalCells = (f: ArrivalFigures): CsvValue[] => [f.issued, f.served, f.noShows, f.medianWaitMinutes, percent(f.honouredShare), f.bookingNoShows];

export function reportCsv(report: Report): string {
  const header = [GROUP_TITLES[report.groupBy], ...REPORT_CSV_COLUMNS];
  const rows: CsvValue[][] = [...report.rows.map((r) => [r.label, ...cells(r)]), [`Total ${report.from} to ${report.to}`, ...cells(report.total)]];
  // Only when the range had bookings: a centre that takes none keeps the one table it always had.
  if (report.byArrival && (report.byArrival.booked.issued > 0 || report.byArrival.booked.bookingNoShows > 0)) {
    // A second small table below the first: walk-ins and bookings side by side.
    rows.push([], [...ARRIVAL_COLUMNS]);
    const { walkIn, booked } = report.byArrival;
    rows.push(['Walk-in', ...arrivalCells(walkIn)], ['Booked', ...arrivalCells(booked)]);
  }
  return toCsv(header, [...rows, ...journeyRows(report)]);
}

/**
 * Journeys follow the table, after an empty row, with their own header: per journey its tickets, completed
 * visits and the whole visit's median and 90th percentile, then one row per step with that step's wait.
 */
function journeyRows(report: Report): CsvValue[][] {
  if (!report.journeys?.length) return [];
  const rows: CsvValue[][] = [[], ['Journey', 'Tickets', 'Completed', 'Median visit (min)', '90th percentile visit (min)', 'Median step wait (min)', '90th percentile step wait (min)']];
  for (const j of report.journeys) {
    rows.push([`${j.code} — ${j.name.en}`, j.tickets, j.completed, j.medianVisitMinutes, j.p90VisitMinutes, null, null]);
    for (const s of j.steps) rows.push([`  Step ${s.step}: ${s.name.en}`, s.waits, null, null, null, s.medianWaitMinutes, s.p90WaitMinutes]);
  }
  return rows;
}

export function reportFileName(report: Pick<Report, 'groupBy' | 'from' | 'to'>, centreCode: string): string {
  const code = centreCode.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';
  return `foleni-${code}-report-by-${report.groupBy}-${report.from}-to-${report.to}.csv`;
}
