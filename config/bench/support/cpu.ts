/**
 * CPU time from /proc (Linux): per server process, and for the whole machine. CPU ms per
 * request is the cost of a filing that does not depend on how busy the machine was; the
 * machine's busy share tells whether a run was limited by CPU at all. Elsewhere: undefined.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU time of a process so far, in ms. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    return ((utime + stime) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

interface MachineTicks {
  busy: number;
  total: number;
}

function machineTicks(): MachineTicks | undefined {
  try {
    const [cpuLine] = readFileSync('/proc/stat', 'utf8').split('\n');
    const values = cpuLine.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0); // without guest time, counted in user
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

export interface CpuUsage {
  /** CPU ms the server process used during the work. */
  serverCpuMs?: number;
  /** Share (0–1) of all the machine's cores that were busy, whoever used them. */
  machineBusy?: number;
}

export async function withCpuUsage<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; usage: CpuUsage }> {
  const [cpuBefore, machineBefore] = [processCpuMs(pid), machineTicks()];
  const result = await work();
  const [cpuAfter, machineAfter] = [processCpuMs(pid), machineTicks()];
  const usage: CpuUsage = {};
  if (cpuBefore !== undefined && cpuAfter !== undefined) usage.serverCpuMs = cpuAfter - cpuBefore;
  if (machineBefore && machineAfter && machineAfter.total > machineBefore.total) {
    usage.machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  }
  return { result, usage };
}
