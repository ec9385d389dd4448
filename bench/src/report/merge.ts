import type { CaseReport } from '../harness/model';

/** Joins the per-store reports of cases 4–6 (Postgres, then SQLite) into one report per case. */
export function mergeScaleReports(suites: CaseReport[][]): CaseReport[] {
  const byId = new Map<string, CaseReport>();
  for (const suite of suites) {
    for (const report of suite) {
      const seen = byId.get(report.id);
      if (!seen) {
        byId.set(report.id, {
          ...report,
          commands: [...report.commands],
          comparisons: [...report.comparisons],
          notes: [...report.notes],
          notRun: [...(report.notRun ?? [])],
        });
        continue;
      }
      seen.commands.push(...report.commands);
      seen.comparisons.push(...report.comparisons);
      seen.notes.push(...report.notes);
      seen.notRun?.push(...(report.notRun ?? []));
    }
  }
  return [...byId.values()];
}
