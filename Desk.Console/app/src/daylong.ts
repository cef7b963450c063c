// What makes the console usable all day, put together for the desk: keyboard shortcuts with their help, canned
// replies in the message boxes, and notice of a new assignment.
import { AssignmentNotices } from './assignment-notice';
import { CannedPicker } from './canned';
import type { QuerySummary, StaffMember } from './contract';
import { t } from './console-words';
import { Shortcuts, sendOnCtrlEnter } from './shortcuts';

export interface DeskMoves {
  /** The open query's reference, or null. */
  reference(): string | null;
  open(reference: string): void;
}

export class Daylong {
  private member: StaffMember | null = null;
  private readonly canned: CannedPicker;
  private readonly notices: AssignmentNotices;

  constructor(moves: DeskMoves) {
    this.canned = new CannedPicker({ reference: () => moves.reference(), agentName: () => this.member?.displayName ?? '' });
    const messageBox = document.querySelector<HTMLTextAreaElement>('#message-text');
    const chatBox = document.querySelector<HTMLTextAreaElement>('#chat-text');
    this.canned.attach(messageBox, t.message);
    this.canned.attach(chatBox, t.chat);
    sendOnCtrlEnter(messageBox, 'send-reply', 'add-note');
    sendOnCtrlEnter(chatBox, 'chat-send', 'chat-note');
    new Shortcuts({
      closePicker: () => {
        if (!this.canned.isOpen) return false;
        this.canned.hide();
        return true;
      },
    });
    this.notices = new AssignmentNotices(() => moves.reference(), (reference) => moves.open(reference));
  }

  enter(member: StaffMember): void {
    this.member = member;
    void this.notices.enter(member.username);
  }

  leave(): void {
    this.member = null;
    this.canned.forget();
    this.notices.leave();
  }

  /** A QueryCreated or QueryUpdated push. */
  pushed(query: QuerySummary): void {
    this.notices.pushed(query);
  }
}
