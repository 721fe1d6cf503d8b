/** What a benchmark section module (bench/<name>.ts) exports as its default. */
export interface BenchSection {
  /** Heading of the section in RESULTS.md. */
  title: string;
  /** Runs the measurements; may take a while. */
  run(): Promise<SectionResult>;
}

/** A section's findings. */
export interface SectionResult {
  /** Tables to print and to write to RESULTS.md. */
  tables: BenchTable[];
  /** Sentences explaining how to read the tables. */
  notes?: string[];
  /** Budgets broken; any entry makes `npm run bench` exit with status 1. */
  failures?: string[];
}

/** A table of results: a header row and rows of cells, already formatted. */
export interface BenchTable {
  /** Optional line above the table. */
  caption?: string;
  /** Column headings. */
  headers: string[];
  /** One array of cells per row. */
  rows: string[][];
}
