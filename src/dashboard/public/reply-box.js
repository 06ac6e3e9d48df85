'use strict';
// The reply of one case: the suggested drafts, the text being edited with its platform's character
// counter, copy to the clipboard and "mark replied". Text typed here is never replaced by a refresh.
// A case held for review shows who must review it; its reply is marked replied only with the text a
// reviewer approved. A text the server's check finds problems with is listed here, and sent only on a
// second, deliberate click ("Send anyway").

import { countChars, normalisePlatform } from './char-count.js';
import { el, setChildren } from './dom.js';
import { when } from './format.js';

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

/** The text as the server compares it with the approved one: trimmed, whitespace runs as one space. */
export function sameReplyText(a, b) {
  const norm = (t) => t.trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

export class ReplyBox {
  /**
   * unsent: the page's replies typed but not sent, by case id (kept across switching cases).
   * onMark(text, confirm, button): records the reply as sent; resolves true when it was, the list of
   *   findings when the check before sending refused it (422), false on any other failure. Absent for viewers.
   * onApprove(text, button): approves the text of a held case; resolves true when it was. Reviewers and admins only.
   * onCheck(text): resolves the findings of the check before sending, or null when it failed. Absent for viewers.
   */
  constructor({ caseId, unsent, onMark, onApprove, onCheck, onCopied, onError }) {
    this.caseId = caseId;
    this.unsent = unsent;
    this.onCopied = onCopied;
    this.onError = onError;
    this.chosen = 0;
    this.platform = 'other';
    this.limit = 280;
    /** The case's review ({ by, reason, label, approval }) or null. */
    this.review = null;
    /** The server found problems with this very text: the next click on the button sends it anyway. */
    this.confirming = false;
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
    const checkButton = onCheck
      ? el('button', { attrs: { type: 'button', id: 'check-reply' } }, 'Check the text')
      : null;
    this.markButton = onMark
      ? el(
          'button',
          {
            className: 'primary',
            attrs: { type: 'button', id: 'mark-replied', 'aria-describedby': 'mark-hint' },
          },
          'Mark replied',
        )
      : null;
    this.approveButton = onApprove
      ? el('button', { attrs: { type: 'button', id: 'approve-reply' } }, 'Approve this text')
      : null;
    this.reviewLabel = el('strong');
    this.reviewReason = el('p');
    this.approvalLine = el('p', { className: 'review-approval', attrs: { id: 'review-approval' } });
    this.approvedText = el('p', { className: 'approved-text', hidden: true });
    this.banner = el(
      'div',
      { className: 'review-banner', hidden: true, attrs: { id: 'review-banner', role: 'note' } },
      el('p', { className: 'review-label' }, this.reviewLabel),
      this.reviewReason,
      this.approvalLine,
      this.approvedText,
      this.approveButton,
    );
    this.gateHint = el('p', { className: 'gate-hint', hidden: true, attrs: { id: 'mark-hint' } });
    this.findingsList = el('ul', { className: 'findings-list' });
    this.findingsNote = el('p', { className: 'findings-note' });
    this.findings = el(
      'div',
      { className: 'findings', hidden: true, attrs: { id: 'reply-findings', role: 'alert' } },
      el('h4', { attrs: { id: 'findings-title' } }, 'Before you send'),
      this.findingsList,
      this.findingsNote,
    );
    this.section = el(
      'section',
      { className: 'pane-section composer' },
      el('h3', {}, 'Reply'),
      this.banner,
      this.reading,
      this.choices,
      this.label,
      this.textarea,
      this.counter,
      this.findings,
      el('p', { className: 'form-buttons' }, copyButton, checkButton, this.markButton),
      this.gateHint,
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
      this.textChanged();
    });
    copyButton.addEventListener('click', () => void this.copy());
    checkButton?.addEventListener('click', async () => {
      const text = this.textarea.value.trim();
      if (!text) return this.onError('The reply is empty: there is nothing to check.');
      const findings = await onCheck(text);
      if (findings) this.showFindings(findings, false);
    });
    this.approveButton?.addEventListener('click', async () => {
      const text = this.textarea.value.trim();
      if (!text) return this.onError('The reply is empty: write the text to approve.');
      await onApprove(text, this.approveButton);
      this.updateGate();
    });
    this.markButton?.addEventListener('click', async () => {
      const text = this.textarea.value.trim();
      if (!text) return this.onError('The reply is empty: paste or write the text you sent.');
      const result = await onMark(text, this.confirming, this.markButton);
      if (result === true) {
        // The sent text stays in view (it still counts as edited) until another draft is picked; it
        // is no longer an unsent reply to keep.
        unsent.delete(caseId);
        this.clearFindings();
      } else if (Array.isArray(result)) this.showFindings(result, true);
      this.updateGate();
    });
  }

  /** The text is no longer the one checked or approved: back to a plain "Mark replied". */
  textChanged() {
    this.clearFindings();
    this.updateCounter();
    this.updateGate();
  }

  /**
   * Lists what the check before sending found. `toConfirm`: the server refused to record this text
   * without a confirmation, so the button now sends it anyway.
   */
  showFindings(findings, toConfirm) {
    setChildren(
      this.findingsList,
      ...findings.map((f) => el('li', { dataset: { rule: f.rule } }, f.message)),
    );
    this.findingsNote.textContent =
      findings.length === 0
        ? 'The check found nothing to fix.'
        : toConfirm
          ? 'Fix the text, or send it anyway: sending it anyway is noted in the case history.'
          : 'Fix the text before you send it, or confirm when you mark it replied.';
    this.findings.classList.toggle('is-clear', findings.length === 0);
    this.findings.hidden = false;
    this.confirming = toConfirm && findings.length > 0;
    if (this.markButton) this.markButton.textContent = this.confirming ? 'Send anyway' : 'Mark replied';
  }

  clearFindings() {
    this.findings.hidden = true;
    setChildren(this.findingsList);
    this.confirming = false;
    if (this.markButton) this.markButton.textContent = 'Mark replied';
  }

  /**
   * A held case: the banner, and "Mark replied" only for the approved text (the server refuses any
   * other with a 409 anyway; the page says why before anyone tries).
   */
  updateGate() {
    const review = this.review;
    const text = this.textarea.value;
    const approved = Boolean(review?.approval) && sameReplyText(review.approval.text, text);
    let reason = '';
    if (review && !approved) {
      const who = this.approveButton ? 'Approve this text' : 'A reviewer must approve this text';
      reason = review.approval
        ? `This text differs from the approved one. ${who} again before it is marked replied.`
        : `${who} before it is marked replied (${review.reason}).`;
    }
    if (this.markButton) this.markButton.disabled = reason !== '';
    if (this.approveButton) this.approveButton.disabled = !review || approved || text.trim() === '';
    this.gateHint.textContent = reason;
    this.gateHint.hidden = reason === '' || !this.markButton;
  }

  fillReview(review) {
    this.review = review ?? null;
    this.banner.hidden = !this.review;
    if (!this.review) return;
    const a = this.review.approval;
    this.reviewLabel.textContent = this.review.label;
    this.reviewReason.textContent = `Why: ${this.review.reason}.`;
    this.approvalLine.textContent = a
      ? `Approved by ${a.name || a.by} at ${when(a.at)}:`
      : 'Not approved yet: a reviewer approves the exact text to be posted.';
    this.approvedText.textContent = a ? a.text : '';
    this.approvedText.hidden = !a;
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
          this.textChanged();
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
    const before = this.textarea.value;
    if (!this.edited) this.textarea.value = drafts[this.chosen]?.text ?? '';
    this.fillReview(detail.review);
    if (this.textarea.value !== before) this.clearFindings();
    this.updateCounter();
    this.updateGate();
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
