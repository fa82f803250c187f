/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and tells where the CPU time went:
 *  - per package (node_modules/<pkg>, our apps/libs/<lib>): each sample goes to the nearest
 *    package on its stack, so time in Node internals and native code (socket writes, JSON…)
 *    counts for the package that called them — `pg` includes the writev of its queries;
 *  - per function: self time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  file: string;
  busyMs: number;
  idleMs: number;
  byPackage: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; where: string; ms: number; share: number }>;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The package a script belongs to, or null for Node internals and native code. */
function packageOf(url: string): string | null {
  if (!url || url.startsWith('node:')) return null;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ours = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]} (nuestro)`;
  return url.replace(/^file:\/\//, '');
}

export function newestProfile(dir: string, prefix = ''): string | undefined {
  try {
    return readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.cpuprofile'))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  } catch {
    return undefined;
  }
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = totalMs / (profile.samples.length || 1);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const ownerOf = new Map<number, string>();
  const owner = (id: number): string => {
    const known = ownerOf.get(id);
    if (known !== undefined) return known;
    const leaf = byId.get(id)!.callFrame.functionName;
    let result = SPECIAL.has(leaf) ? leaf : 'node internals / native';
    if (!SPECIAL.has(leaf)) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
        const pkg = packageOf(byId.get(cur)!.callFrame.url);
        if (pkg) {
          result = pkg;
          break;
        }
      }
    }
    ownerOf.set(id, result);
    return result;
  };

  let idleMs = 0;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; ms: number }>();
  for (const id of profile.samples) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += msPerSample;
      continue;
    }
    const pkg = owner(id);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + msPerSample);
    const where = url ? `${url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anónima)', where, ms: 0 };
    entry.ms += msPerSample;
    byFunction.set(key, entry);
  }
  const busyMs = totalMs - idleMs;
  return {
    file,
    busyMs,
    idleMs,
    byPackage: [...byPackage.entries()]
      .map(([name, ms]) => ({ name, ms, share: ms / busyMs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    byFunction: [...byFunction.values()]
      .map((f) => ({ ...f, share: f.ms / busyMs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}
