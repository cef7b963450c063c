// The mail attachments of the open query (name, type, size), each a download link. Hidden when the query has none.
import { contacts, type MailAttachment } from './contacts-api';
import { kw } from './contact-words';
import { h } from './dom';
import { formatNumber } from './language';

export class AttachmentList {
  readonly element = h('section', { id: 'query-attachments', class: 'query-attachments', 'aria-labelledby': 'attachments-heading', hidden: '' });
  private showing = 0;

  constructor(private readonly fail: (error: unknown) => void) {}

  show(reference: string): void {
    const showing = ++this.showing;
    this.element.hidden = true;
    void contacts.attachments(reference).then(
      (list) => showing === this.showing && this.render(reference, list),
      (error: unknown) => showing === this.showing && this.fail(error));
  }

  close(): void {
    this.showing++;
    this.element.hidden = true;
  }

  private render(reference: string, list: MailAttachment[]): void {
    this.element.hidden = list.length === 0;
    this.element.replaceChildren(
      h('h4', { id: 'attachments-heading' }, kw.attachments),
      h('ul', {}, ...list.map((file) => h('li', { 'data-attachment': String(file.id), title: file.fileName },
        h('a', { href: contacts.attachmentUrl(reference, file.id), download: file.fileName, 'aria-label': kw.download(file.fileName), class: 'file-name' },
          file.fileName),
        h('span', { class: 'file-type' }, file.contentType),
        h('span', { class: 'file-size' }, kw.size(file.sizeBytes, formatNumber))))));
  }
}
