// Words of the query pane's catalog item control (catalog.entitlement), in English and Chinese (language.ts).
import { language } from './language';

const en = {
  catalogItem: 'Catalog item',
  none: '(none)',
  grant: 'Grant item',
  granted: 'Granted',
  notGranted: 'Not granted: the contact is not entitled to it; an agent decides.',
  entitledOnly: (levels: string) => `for ${levels}`,
  chooseFirst: 'Choose a catalog item to grant.',
  kinds: { entitlement_missing: 'Entitlement missing', catalog_granted: 'Catalog item granted' } as Record<string, string>,
  /** The desk's default catalog (CatalogOptions); an item configured beyond it reads as its code in plain words. */
  items: {} as Record<string, string>,
};

type Words = typeof en;

const zh: Words = {
  catalogItem: '目录项目',
  none: '（无）',
  grant: '授予项目',
  granted: '已授予',
  notGranted: '未授予：联系人无此项目的权限，由坐席决定。',
  entitledOnly: (levels: string) => `仅限 ${levels}`,
  chooseFirst: '请先选择要授予的目录项目。',
  kinds: { entitlement_missing: '缺少权限', catalog_granted: '已授予目录项目' },
  items: {
    'new-laptop': '新笔记本电脑', 'software-install': '安装软件', 'access-request': '访问权限申请', 'password-reset': '重置密码',
    'new-starter-account': '新员工账号', 'firewall-rule-change': '防火墙规则变更', 'server-upgrade': '服务器升级',
    'mailbox-quota-change': '邮箱配额变更', 'dns-change': 'DNS 变更',
  },
};

export const c: Words = language === 'zh' ? zh : en;

export const itemName = (item: string) => c.items[item] ?? item.replace(/[_-]/g, ' ');
