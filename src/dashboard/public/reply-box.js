'use strict';
// The reply of one case: the suggested drafts, the text being edited with its platform's character
// counter, copy to the clipboard and "mark replied". Text typed here is never replaced by a refresh.

import { countChars, normalisePlatform } from './char-count.js';
import { el, setChildren } from './dom.js';

const APPROACHES = {
  'next-step': 'Sorry, and the next step',
  brief: 'Brief and warm',
  'personal-stakes': 'What is at stake for them',
  remedy: 'Offer a remedy',
  specialist: 'Hand to the right team',
  'known-issue': 'The known issue, owned',
  answer: 'The answer',
  route: 'The way to an answer',
  thanks: 'Thanks',
  glad: 'Glad it is sorted',
  share: 'Thanks, passed on to the team',
  care: 'The person first, the right team',
};

/** What the post was read as, shown above the drafts so a wrong reading is seen at once. */
const KINDS = {
  legal: 'a legal threat',
  safety: 'a safety report',
  resolved: 'already sorted',
  praise: 'praise or thanks',
  sarcasm: 'sarcasm (a complaint)',
  churn: 'a threat to leave',
  question: 'a question',
  help: 'a request for help',
  feedback: 'feedback or a suggestion',
  complaint: 'a complaint',
  comment: 'a mention',
};

const PLATFORMS = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  other: 'this platform',
};

export class ReplyBox {
  /**
   * unsent: the page's replies typed but not sent, by case id (kept across switching cases).
   * onMark(text, button): records the reply as sent; resolves true when it was. Absent for viewers.
   */
  constructor({ caseId, unsent, onMark, onCopied, onError }) {
    this.caseId = caseId;
    this.unsent = unsent;
    this.onCopied = onCopied;
    this.onError = onError;
    this.chosen = 0;
    this.platform = 'other';
    this.limit = 280;
    this.textarea = el('textarea', {
      attrs: { id: 'reply-text', rows: 7, 'aria-describedby': 'reply-counter reply-hint' },
    });
    this.label = el('label', { attrs: { for: 'reply-text' } }, 'Reply');
    this.counter = el('p', { className: 'counter', attrs: { id: 'reply-counter' } });
    this.reading = el('p', { className: 'muted draft-reading', attrs: { id: 'draft-reading' } });
    this.choices = el('div', {
      className: 'draft-choices',
      attrs: { role: 'radiogroup', 'aria-label': 'Suggested drafts' },
    });
    const copyButton = el('button', { attrs: { type: 'button' } }, 'Copy');
    const markButton = onMark
      ? el('button', { className: 'primary', attrs: { type: 'button', id: 'mark-replied' } }, 'Mark replied')
      : null;
    this.section = el(
      'section',
      { className: 'pane-section composer' },
      el('h3', {}, 'Reply'),
      this.reading,
      this.choices,
      this.label,
      this.textarea,
      this.counter,
      el('p', { className: 'form-buttons' }, copyButton, markButton),
      el(
        'p',
        { className: 'muted', attrs: { id: 'reply-hint' } },
        'Drafts are never posted for you: send the reply on the platform, then mark it replied with the text you sent. Promised times become follow-ups.',
      ),
    );
    const saved = unsent.get(caseId);
    this.edited = saved !== undefined;
    if (this.edited) this.textarea.value = saved;
    this.textarea.addEventListener('input', () => {
      this.edited = true;
      unsent.set(caseId, this.textarea.value);
      this.updateCounter();
    });
    copyButton.addEventListener('click', () => void this.copy());
    markButton?.addEventListener('click', async () => {
      const text = this.textarea.value.trim();
      if (!text) return this.onError('The reply is empty: paste or write the text you sent.');
      // The sent text stays in view (it still counts as edited) until another draft is picked; it is
      // no longer an unsent reply to keep.
      if (await onMark(text, markButton)) unsent.delete(caseId);
    });
  }

  /** The case's drafts (fresh on every refresh: an owner's initials may have changed them). */
  fill(detail) {
    const drafts = detail.drafts;
    this.chosen = Math.min(this.chosen, Math.max(0, drafts.length - 1));
    const first = drafts[0];
    this.platform = first ? first.platform : detail.source;
    this.limit = first ? first.limit : 280;
    this.label.textContent = `Reply for ${PLATFORMS[normalisePlatform(this.platform)]}`;
    this.reading.textContent = first?.kind ? `Read as ${KINDS[first.kind] ?? first.kind}.` : '';
    setChildren(
      this.choices,
      ...drafts.map((draft, i) => {
        const input = el('input', {
          attrs: {
            type: 'radio',
            name: 'draft',
            id: `draft-${i}`,
            value: String(i),
            checked: i === this.chosen,
          },
        });
        input.addEventListener('change', () => {
          this.chosen = i;
          this.textarea.value = draft.text;
          this.edited = false;
          this.unsent.delete(this.caseId);
          this.updateCounter();
        });
        return el(
          'label',
          { className: 'draft-choice', attrs: { for: `draft-${i}` } },
          input,
          el('span', { className: 'draft-name' }, APPROACHES[draft.approach] ?? draft.approach),
          el('span', { className: 'draft-text' }, draft.text),
          el('span', { className: 'muted' }, `${draft.chars} / ${draft.limit}`),
        );
      }),
    );
    if (!this.edited) this.textarea.value = drafts[this.chosen]?.text ?? '';
    this.updateCounter();
  }

  updateCounter() {
    const used = countChars(this.textarea.value, this.platform);
    const over = used - this.limit;
    const where = PLATFORMS[normalisePlatform(this.platform)];
    this.counter.textContent = `${used} / ${this.limit} characters${over > 0 ? `: ${over} too many for ${where}` : ''}`;
    this.counter.classList.toggle('is-over', over > 0);
  }

  focus() {
    this.textarea.focus();
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.textarea.value);
    } catch {
      // No clipboard API (plain http on another host, or permission refused): the old way still works.
      this.textarea.select();
      if (!document.execCommand('copy')) {
        this.onError('Copying was refused by the browser: the text is selected, press Ctrl+C.');
        return;
      }
    }
    this.onCopied('Reply copied to the clipboard.');
  }
}
