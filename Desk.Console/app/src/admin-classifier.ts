// The classifier's loop (supervisors and admins): model versions (admins activate one), retraining (a run may take a
// minute; it can be stopped; 409 while another is going), and the imports of labelled history (upload a CSV, remove one).
import { admin, type ClassifierImport, type ModelVersion } from './admin-api';
import { clearProblem, message, submitting } from './admin-form';
import { Listing } from './admin-listing';
import { at } from './admin-words';
import { cw } from './classifier-admin-words';
import { byId, h } from './dom';
import { formatDate, formatNumber } from './language';

const when = (iso: string) => formatDate(new Date(iso));
const score = (f1: number | null) => (f1 === null ? '—' : formatNumber(Math.round(f1 * 1000) / 1000));

export class ClassifierSection {
  private readonly section = byId('classifier-section');
  private readonly status = byId('classifier-status');
  private readonly models = new Listing(byId('model-rows'), this.status, admin.models, (model) => this.modelRow(model));
  private readonly imports = new Listing(byId('import-rows'), this.status, admin.imports, (item) => this.importRow(item));
  private readonly form = byId<HTMLFormElement>('import-form');
  private readonly file = byId<HTMLInputElement>('import-file');
  private readonly retrainButton = byId<HTMLButtonElement>('retrain');
  private readonly stopButton = byId<HTMLButtonElement>('retrain-stop');
  private readonly retrainStatus = byId('retrain-status');
  private mayActivate = false;
  private running = false;

  constructor() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.upload();
    });
    this.retrainButton.addEventListener('click', () => void this.retrain());
    this.stopButton.addEventListener('click', () => void this.stop());
  }

  async show(mayActivate: boolean): Promise<void> {
    this.mayActivate = mayActivate;
    this.section.hidden = false;
    await Promise.all([this.models.reload(), this.imports.reload()]);
  }

  private modelRow(model: ModelVersion): HTMLTableRowElement {
    return h('tr', { 'data-version': model.version, 'data-active': String(model.active) },
      h('td', {}, h('code', {}, model.version)),
      h('td', {}, cw.modelStatus[model.status] ?? model.status),
      h('td', {}, cw.trainedBy(model.createdBy, when(model.trainedAt))),
      h('td', {}, formatNumber(model.exampleCount)),
      h('td', {}, score(model.macroF1)),
      h('td', {}, score(model.baselineMacroF1)),
      h('td', { class: 'actions' }, this.mayActivate && !model.active
        && this.models.button(cw.activate, cw.activateVersion(model.version), () => admin.activate(model.version), cw.activated(model.version), 'activate')));
  }

  private importRow(item: ClassifierImport): HTMLTableRowElement {
    return h('tr', { 'data-number': String(item.number), 'data-file': item.fileName, 'data-removed': String(item.removedAt !== null) },
      h('td', {}, formatNumber(item.number)),
      h('td', {}, item.fileName),
      h('td', {}, at.issuedBy(item.importedBy, when(item.importedAt))),
      h('td', {}, formatNumber(item.examples)),
      h('td', {}, item.removedAt === null ? cw.inUse : cw.removedAt(when(item.removedAt), item.removedBy ?? '')),
      h('td', { class: 'actions' }, item.removedAt === null
        && this.imports.button(cw.remove, cw.removeImport(item.fileName), () => admin.removeImport(item.number), cw.importRemoved(item.fileName))));
  }

  private async upload(): Promise<void> {
    const file = this.file.files?.[0];
    if (!file) {
      clearProblem(this.form);
      byId('import-file-error').textContent = cw.chooseFile;
      return;
    }
    let said = '';
    const done = await submitting(this.form, async () => {
      const receipt = await admin.importCsv(file);
      said = cw.receipt(file.name, receipt.imported, receipt.duplicates);
    });
    if (!done) return;
    this.form.reset();
    this.imports.say(said);
    await this.imports.reload();
  }

  /** The call answers when the run ends; meanwhile only Stop is offered. */
  private async retrain(): Promise<void> {
    this.retrainButton.disabled = true;
    this.stopButton.disabled = false;
    this.sayRun(cw.training);
    this.running = true;
    try {
      const report = await admin.retrain();
      this.sayRun(cw.outcome(report, score), report.outcome);
      this.stopButton.disabled = true;
      await this.models.reload();
    } catch (error) {
      // A 409 is another run going (a scheduled one, another node's): Stop stays offered, for that one.
      this.sayRun(message(error), 'refused');
      this.stopButton.disabled = false;
    } finally {
      this.running = false;
      this.retrainButton.disabled = false;
    }
  }

  private async stop(): Promise<void> {
    this.stopButton.disabled = true;
    this.sayRun(cw.stopping);
    try {
      await admin.cancelRetrain();
      // This page's own run answers 'cancelled' when it stops; another's is only known to have been asked.
      if (!this.running) this.sayRun(cw.stopAsked, 'stop_asked');
    } catch (error) {
      this.sayRun(message(error), 'refused');
    }
  }

  private sayRun(text: string, outcome?: string): void {
    this.retrainStatus.textContent = text;
    if (outcome) this.retrainStatus.dataset.outcome = outcome;
    else delete this.retrainStatus.dataset.outcome;
  }
}
