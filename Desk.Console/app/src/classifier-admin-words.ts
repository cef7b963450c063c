// The admin page's words for the classifier's loop (models, retraining, imports), in English and Chinese.
import type { RetrainReport } from './admin-api';
import { language } from './language';

const en = {
  classifier: 'Classifier',
  modelsCaption: 'Model versions, newest first; the active one types new queries',
  version: 'Version',
  trained: 'Trained',
  examples: 'Examples',
  score: 'Score (macro F1)',
  baselineScore: 'Active model\'s score then',
  modelStatus: { active: 'Active', retired: 'Retired', rejected: 'Rejected' } as Record<string, string>,
  activate: 'Activate',
  activateVersion: (version: string) => `Activate ${version}`,
  activated: (version: string) => `${version} is active: new queries are typed by it.`,
  trainedBy: (by: string, when: string) => `${when} by ${by}`,
  retraining: 'Retraining',
  retrainHint: 'Trains a candidate on the labelled examples; it may take a minute. A candidate that scores better than the active model is put to work.',
  retrain: 'Retrain now',
  stopRun: 'Stop the run',
  training: 'Training a candidate… this may take a minute.',
  stopping: 'Asking the run to stop…',
  stopAsked: 'The run was asked to stop; it stops at its next step.',
  outcome: (report: RetrainReport, score: (n: number | null) => string): string => {
    switch (report.outcome) {
      case 'promoted': return `A candidate scored ${score(report.candidateMacroF1)} against ${score(report.activeMacroF1)} and is now active (${report.candidate?.version ?? ''}).`;
      case 'rejected': return `The candidate scored ${score(report.candidateMacroF1)}, no better than the active model's ${score(report.activeMacroF1)}; it was kept aside.`;
      case 'skipped': return `Nothing was trained: ${report.reason ?? ''}`;
      case 'cancelled': return 'The run was stopped; nothing was kept.';
      default: return report.reason ?? report.outcome;
    }
  },
  imports: 'Imports of labelled history',
  importsCaption: 'CSV files of past queries and their types; a removed import\'s examples are deleted',
  importNumber: 'No.',
  fileName: 'File',
  imported: 'Imported',
  inUse: 'In use',
  removedAt: (when: string, by: string) => `Removed ${when} by ${by}`,
  remove: 'Remove',
  removeImport: (file: string) => `Remove ${file}`,
  importRemoved: (file: string) => `${file} was removed; the next run learns without it.`,
  importCsv: 'Import a CSV',
  importHint: 'Columns text and type (or label), one past query a row.',
  csvFile: 'CSV file',
  import: 'Import',
  chooseFile: 'Choose a CSV file first.',
  receipt: (file: string, added: number, duplicates: number) =>
    `${file}: ${added} examples added, ${duplicates} already known. Retrain to put them to use.`,
};

type Words = typeof en;

const zh: Words = {
  classifier: '分类器',
  modelsCaption: '模型版本，最新的在前；生效的版本为新查询分类',
  version: '版本',
  trained: '训练时间',
  examples: '样本数',
  score: '得分（宏平均 F1）',
  baselineScore: '当时生效模型的得分',
  modelStatus: { active: '生效中', retired: '已停用', rejected: '未采用' },
  activate: '启用',
  activateVersion: (version) => `启用 ${version}`,
  activated: (version) => `${version} 已生效：新查询将由它分类。`,
  trainedBy: (by, when) => `${when}，由 ${by} 训练`,
  retraining: '重新训练',
  retrainHint: '用已标注的样本训练候选模型，可能需要一分钟。得分高于当前模型的候选会投入使用。',
  retrain: '立即重新训练',
  stopRun: '停止训练',
  training: '正在训练候选模型……可能需要一分钟。',
  stopping: '正在请求停止训练……',
  stopAsked: '已请求停止训练，将在下一步时停止。',
  outcome: (report, score) => {
    switch (report.outcome) {
      case 'promoted': return `候选模型得分 ${score(report.candidateMacroF1)}，高于原模型的 ${score(report.activeMacroF1)}，现已生效（${report.candidate?.version ?? ''}）。`;
      case 'rejected': return `候选模型得分 ${score(report.candidateMacroF1)}，未高于当前模型的 ${score(report.activeMacroF1)}，已搁置。`;
      case 'skipped': return `未进行训练：${report.reason ?? ''}`;
      case 'cancelled': return '训练已停止，未保留任何结果。';
      default: return report.reason ?? report.outcome;
    }
  },
  imports: '标注历史导入',
  importsCaption: '过往查询及其类型的 CSV 文件；移除某次导入会删除其样本',
  importNumber: '编号',
  fileName: '文件',
  imported: '导入',
  inUse: '使用中',
  removedAt: (when, by) => `已于 ${when} 由 ${by} 移除`,
  remove: '移除',
  removeImport: (file) => `移除 ${file}`,
  importRemoved: (file) => `已移除 ${file}，下次训练将不再使用它。`,
  importCsv: '导入 CSV',
  importHint: '列为 text 和 type（或 label），每行一条过往查询。',
  csvFile: 'CSV 文件',
  import: '导入',
  chooseFile: '请先选择一个 CSV 文件。',
  receipt: (file, added, duplicates) => `${file}：新增 ${added} 条样本，${duplicates} 条已存在。重新训练后生效。`,
};

export const cw: Words = language === 'zh' ? zh : en;
