// Words of the query pane's presence line and the reply-collision warning, in English and Chinese (language.ts).
import { language } from './language';

const en = {
  alsoViewing: 'Also viewing:',
  presence: 'Who else has this query open',
  typing: 'typing…',
  isTyping: (name: string) => `${name} is typing`,
  collisionTitle: 'Someone replied meanwhile',
  collisionLead: 'While you wrote, this was sent to the user:',
  sendAnyway: 'Send anyway',
  cancel: 'Cancel',
  sentMeanwhile: 'Sent meanwhile',
};

type Words = typeof en;

const zh: Words = {
  alsoViewing: '也在查看：',
  presence: '还有谁打开了此查询',
  typing: '正在输入…',
  isTyping: (name: string) => `${name} 正在输入`,
  collisionTitle: '在此期间已有人回复',
  collisionLead: '在您撰写期间，已向用户发送了以下内容：',
  sendAnyway: '仍然发送',
  cancel: '取消',
  sentMeanwhile: '期间已发送',
};

export const p: Words = language === 'zh' ? zh : en;
