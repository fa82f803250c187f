/** One part of `npm run bench` (filing, deadline sweep, notifications…), run by run-all.ts. */
export interface BenchPartResult {
  /** False when the part could not measure properly (failed requests, a server that did not start…): exit code 1. */
  ok: boolean;
  /** Aims not met. Reported, but a miss is a measurement, not a failure of the command. */
  misses: string[];
  /** Where the part wrote its JSON. */
  file?: string;
}

export interface BenchPart {
  /** Short name, used on the command line (`npm run bench -- filing`) and for .local/bench/<name>.json. */
  name: string;
  title: string;
  run(): Promise<BenchPartResult>;
}
