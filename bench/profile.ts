/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and tells where the time
 * went: self time per function, and inclusive time of the functions that
 * matter, so RESULTS.md can show why a target is missed.
 *
 * Usage: tsx bench/profile.ts <file.cpuprofile> [top] [function names to include...]
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

function label(node: ProfileNode): string {
  const f = node.callFrame;
  const where = f.url === '' ? '' : ` (${basename(f.url.replace(/\?.*$/, ''))}:${f.lineNumber + 1})`;
  return `${f.functionName || '(anonymous)'}${where}`;
}

/** Milliseconds of samples per node id (from the sample time deltas, so uneven sampling is weighed right). */
function timePerNode(profile: Profile): Map<number, number> {
  const out = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    // A sample stands for the time until the next one.
    const us = deltas[i + 1] ?? 0;
    if (id !== undefined) out.set(id, (out.get(id) ?? 0) + us / 1000);
  }
  return out;
}

/** Self time per function (summed over call sites), largest first. */
export function selfTimes(profile: Profile): ProfileLine[] {
  const perNode = timePerNode(profile);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const name = label(node);
    byName.set(name, (byName.get(name) ?? 0) + (perNode.get(node.id) ?? 0));
  }
  const all = [...byName.values()].reduce((s, x) => s + x, 0) || 1;
  return [...byName].map(([name, ms]) => ({ name, ms, share: ms / all })).sort((a, b) => b.ms - a.ms);
}

/** Inclusive time of every function with one of these names, counting recursion once. */
export function inclusiveTimes(profile: Profile, names: string[]): ProfileLine[] {
  const perNode = timePerNode(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times = new Map<string, number>();
  let all = 0;
  for (const [nodeId, ms] of perNode) {
    all += ms;
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (!n) break;
      const name = names.find((x) => n.callFrame.functionName === x);
      if (name !== undefined && !seen.has(name)) {
        seen.add(name);
        times.set(name, (times.get(name) ?? 0) + ms);
      }
    }
  }
  return names.map((name) => ({ name, ms: times.get(name) ?? 0, share: (times.get(name) ?? 0) / (all || 1) }));
}

export async function readProfile(path: string): Promise<Profile> {
  return JSON.parse(await readFile(path, 'utf8')) as Profile;
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const [file, top = '25', ...names] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: bench/profile.ts <file.cpuprofile> [top] [names...]');
  const profile = await readProfile(file);
  for (const l of selfTimes(profile).slice(0, Number(top)))
    console.log(`${l.ms.toFixed(0).padStart(7)} ms ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
  if (names.length > 0) {
    console.log('inclusive:');
    for (const l of inclusiveTimes(profile, names)) console.log(`${l.ms.toFixed(0).padStart(7)} ms ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
  }
}
