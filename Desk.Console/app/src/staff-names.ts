// The display names of the staff this console has heard of (presence, a query's possible assignees), for the places
// where the desk names a member by username: a member reads "Bo Li" in the presence line and in a collision alike.
// The desk's own actors (its timers, the router, a channel, an API key) read as what they are, in the page's language.
import { language } from './language';

const names = new Map<string, string>();

const desk: Record<string, [string, string]> = {
  system: ['Desk', '服务台'], desk: ['Desk', '服务台'], sla: ['SLA timer', 'SLA 计时器'], routing: ['Routing', '路由'],
  survey: ['Survey', '调查'], bot: ['Bot', '机器人'], demo: ['Demo data', '演示数据'], portal: ['Portal', '门户'],
  sms: ['SMS', '短信'], email: ['E-mail', '电子邮件'],
};

function deskActor(actor: string): string | undefined {
  const key = /^key:(\d+)$/.exec(actor);
  if (key) return language === 'zh' ? `API 密钥 #${key[1]}` : `API key #${key[1]}`;
  const named = desk[actor];
  return named && named[language === 'zh' ? 1 : 0];
}

export function learnName(username: string, displayName: string): void {
  names.set(username, displayName);
}

export const staffName = (username: string) => names.get(username) ?? deskActor(username) ?? username;

/**
 * Who wrote a timeline entry: the desk names a staff member in the entry itself (`actorName`), in its read and its push
 * alike, so the same entry reads the same however it arrived; the rest are the desk's own actors.
 */
export const actorName = (entry: { actor: string; actorName?: string | null }) => entry.actorName ?? staffName(entry.actor);
