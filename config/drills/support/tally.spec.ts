import { percentile, pickWeighted, processFigures, routeFigures, tallyFilings, tallyMessages } from './tally';

describe('drills arithmetic', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile(sorted, 1)).toBe(100);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('counts every non-2xx answer and connection error of a route as an error', () => {
    const figures = routeFigures('GET /x', { latenciesMs: [3, 1, 2], outcomes: { '200': 3, '503': 1, ECONNREFUSED: 2 }, retried: 2 }, 2);
    expect(figures).toMatchObject({ requests: 6, ok: 3, errors: 3, retried: 2, reqPerSec: 1.5, p50: 2, max: 3 });
  });

  it('finds an accepted filing the database does not hold, once however often it was named', () => {
    const tally = tallyFilings(['A-1', 'A-2', 'A-2', 'A-3'], ['A-1', 'A-3', 'B-9']);
    expect(tally).toEqual({ accepted: 3, stored: 2, lost: ['A-2'] });
  });

  it('counts lost and duplicate messages by Message-ID, ignoring mail nobody marked sent', () => {
    const tally = tallyMessages(['<a>', '<b>', '<c>', '<d>'], ['<a>', '<b>', '<b>', '<b>', '<c>', '<zz>']);
    expect(tally.lost).toEqual(['<d>']);
    expect(tally.delivered).toBe(3);
    expect(tally.duplicates).toBe(2);
    expect(tally.duplicateRatio).toBeCloseTo(0.5);
    expect(tallyMessages([], ['<a>']).duplicateRatio).toBe(0);
  });

  it('averages CPU over the samples and counts a restarted process from zero', () => {
    const figures = processFigures([
      { at: 0, cpuMs: 1_000, rssBytes: 10 },
      { at: 1_000, cpuMs: 1_500, rssBytes: 30 },
      // Restarted: its counter began again; the 200 ms it used since count.
      { at: 2_000, cpuMs: 200, rssBytes: 20 },
    ]);
    expect(figures?.cpuPercent).toBeCloseTo(35);
    expect(figures?.cpuPercentMax).toBeCloseTo(50);
    expect(figures?.rssMaxBytes).toBe(30);
    expect(figures?.rssLastBytes).toBe(20);
    expect(processFigures([{ at: 0, cpuMs: 0, rssBytes: 0 }])).toBeUndefined();
  });

  it('picks routes in proportion to their weights', () => {
    const items = [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ];
    expect(pickWeighted(items, 0).name).toBe('a');
    expect(pickWeighted(items, 0.24).name).toBe('a');
    expect(pickWeighted(items, 0.25).name).toBe('b');
    expect(pickWeighted(items, 0.999).name).toBe('b');
  });
});
