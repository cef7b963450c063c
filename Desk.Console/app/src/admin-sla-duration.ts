// SLA targets as people write them ("4h 30m", "90m", "2d", "1:30", "4小时30分钟") and as the SLA API takes and gives
// them: TimeSpan's text, "d.hh:mm:ss". The page works in whole seconds, as the desk stores them.
import { sw } from './admin-sla-words';

const unitSeconds: Record<string, number> = {
  d: 86_400, day: 86_400, days: 86_400, '天': 86_400, '日': 86_400,
  h: 3_600, hr: 3_600, hrs: 3_600, hour: 3_600, hours: 3_600, '小时': 3_600, '时': 3_600,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60, '分钟': 60, '分': 60,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1, '秒': 1,
};

/** The seconds a written duration stands for, or null when it is not one (a bare number has no unit, so it is not). */
export function parseDuration(text: string): number | null {
  const written = text.trim().toLowerCase();
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(written);
  if (clock) return Number(clock[1]) * 3_600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
  const parts = [...written.matchAll(/(\d+)\s*([a-z]+|[\u4e00-\u9fff]+)/g)];
  // Anything besides the parts and the spaces or commas between them is not a duration.
  const rest = written.replace(/(\d+)\s*([a-z]+|[\u4e00-\u9fff]+)/g, '').replace(/[\s,，]+/g, '');
  if (parts.length === 0 || rest !== '' || parts.some((part) => !(part[2] in unitSeconds))) return null;
  return parts.reduce((sum, part) => sum + Number(part[1]) * unitSeconds[part[2]], 0);
}

// Far beyond the desk's 365 days, yet a TimeSpan still: the desk answers such a target with its own field error.
const mostDays = 1_000_000;

/** Whole seconds as the API's "d.hh:mm:ss". */
export function toWire(seconds: number): string {
  const whole = Math.min(Math.floor(seconds), mostDays * 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(whole / 86_400);
  const clock = `${pad(Math.floor(whole / 3_600) % 24)}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** The API's "d.hh:mm:ss" (fractions dropped) as whole seconds. */
export function fromWire(text: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text);
  if (!match) return NaN;
  const seconds = Number(match[2] ?? 0) * 86_400 + Number(match[3]) * 3_600 + Number(match[4]) * 60 + Number(match[5]);
  return match[1] ? -seconds : seconds;
}

type Unit = 'd' | 'h' | 'm' | 's';

function parts(seconds: number): [number, Unit][] {
  const sizes: [Unit, number][] = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const found: [number, Unit][] = [];
  let left = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of sizes) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) found.push([count, unit]);
  }
  return found.length > 0 ? found : [[0, 's']];
}

/** Whole seconds as people read them, in the page's language ("4h 30m", "4小时30分钟"). */
export const humanDuration = (seconds: number) =>
  parts(seconds).map(([count, unit]) => `${count}${sw.units[unit]}`).join(sw.unitSeparator);

/** The same with the short units, which the form reads back in either language ("4h 30m"). */
export const writtenDuration = (seconds: number) => parts(seconds).map(([count, unit]) => `${count}${unit}`).join(' ');
