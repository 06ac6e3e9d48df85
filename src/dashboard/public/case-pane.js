'use strict';
// The case pane: everything about one case and what an agent does with it. A live refresh redraws the
// read-only parts only; the reply being written and any half-filled form stay as they are.

import { api, canAct, canApprove, session } from './api.js';
import { compensationForm, dismissForm, escalateForm, noteForm, waiveForm } from './case-forms.js';
import { $, append, el, safeHttpUrl, safeLink, setChildren } from './dom.js';
import { LANGUAGE_NOT_ANALYSED, ago, reach, statusLabel, when } from './format.js';
import { angerMeter, slaBadge, sourceBadge } from './queue.js';
import { ReplyBox } from './reply-box.js';

const FLAG_LABELS = {
  legalThreat: 'legal threat',
  safetyRisk: 'safety risk',
  churnThreat: 'churn threat',
  pressOrInfluencer: 'press or influencer',
};

/** Statuses reached through their own control, not the "Move to" list. */
const OWN_CONTROL = new Set(['replied', 'dismissed']);

export class CasePane {
  constructor({ onChanged, onClose, onOpenCase, announce, onError }) {
    this.root = $('#case-pane');
    this.onChanged = onChanged;
    this.onClose = onClose;
    this.onOpenCase = onOpenCase;
    this.announce = announce;
    this.onError = onError;
    this.detail = null;
    this.fetchedAt = 0;
    this.ticket = 0;
    this.parts = null;
    /** Replies typed but not sent, by case: switching cases and back does not lose them. */
    this.unsent = new Map();
  }

  get caseId() {
    return this.detail?.id ?? null;
  }

  /** Shows a case; the same case again is a refresh that keeps what is being typed. */
  async open(id) {
    const ticket = ++this.ticket;
    if (this.caseId !== id) this.showLoading(id);
    try {
      const detail = await api('GET', `/api/cases/${id}`);
      if (ticket !== this.ticket) return;
      this.show(detail);
    } catch (error) {
      if (ticket !== this.ticket) return;
      if (this.caseId !== id)
        setChildren(this.root, this.backButton(), el('p', { className: 'pane-error' }, error.message));
      else this.onError(error);
    }
  }

  async reload() {
    if (this.caseId !== null) await this.open(this.caseId);
  }

  close() {
    this.ticket++;
    this.detail = null;
    this.parts = null;
    this.reply = null;
    const key = (keys, what) => [
      el(
        'dt',
        {},
        keys.map((k) => el('kbd', {}, k)),
      ),
      el('dd', {}, what),
    ];
    setChildren(
      this.root,
      el(
        'div',
        { className: 'pane-empty' },
        el('h2', {}, 'No case open'),
        el(
          'p',
          { className: 'muted' },
          'Open a case from the queue to read the posts, see why it was flagged and ranked, and pick a reply draft.',
        ),
        el(
          'dl',
          { className: 'shortcuts' },
          key(['j', 'k'], 'next / previous case'),
          key(['Enter'], 'open it'),
          key(['a'], 'assign it to me'),
          key(['r'], 'write the reply'),
          key(['e'], 'escalate'),
          key(['?'], 'all shortcuts'),
        ),
      ),
    );
  }

  focusReply() {
    this.reply?.focus();
  }

  /** Signed out: the next person starts clean. */
  reset() {
    this.unsent.clear();
    this.close();
  }

  showLoading(id) {
    this.detail = null;
    this.parts = null;
    this.reply = null;
    setChildren(this.root, this.backButton(), el('p', { className: 'placeholder' }, `Loading case #${id}…`));
  }

  show(detail) {
    const sameCase = this.caseId === detail.id && this.parts !== null;
    this.detail = detail;
    this.fetchedAt = Date.now();
    if (!sameCase) this.build();
    this.fill();
  }

  /** The stable frame of a newly opened case: sections, forms and the reply box. */
  build() {
    const section = (title, ...content) =>
      el('section', { className: 'pane-section' }, el('h3', {}, title), ...content);
    const p = {
      header: el('div', { className: 'case-header' }),
      error: el('p', { className: 'pane-error', hidden: true, attrs: { role: 'alert' } }),
      done: el('p', { className: 'pane-done', hidden: true, attrs: { role: 'status' } }),
      actions: el('div', { className: 'case-actions' }),
      forms: el('div', { className: 'action-forms' }),
      escalations: el('div', { className: 'escalations' }),
      thread: el('div', { className: 'thread' }),
      priority: el('div'),
      followUps: el('ul', { className: 'plain-list' }),
      notes: el('ul', { className: 'plain-list' }),
      compensation: el('ul', { className: 'plain-list' }),
      author: el('div'),
      history: el('ol', { className: 'history' }),
    };
    this.parts = p;
    const agent = canAct();
    this.reply = new ReplyBox({
      caseId: this.caseId,
      unsent: this.unsent,
      onMark: agent ? (text, confirm, button) => this.markReplied(text, confirm, button) : null,
      onApprove: canApprove()
        ? (text, button) =>
            this.act(
              button,
              () => this.postAction('review/approve', { text }),
              'Text approved: it can now be marked replied.',
            )
        : null,
      onCheck: agent ? (text) => this.checkText(text) : null,
      onCopied: (message) => this.showDone(message),
      onError: (message) => this.showError(message),
    });
    const run = {
      send: (path, body, button, done) => this.act(button, () => this.postAction(path, body), done),
      invalid: (message) => this.showError(message),
    };
    this.escalateForm = agent ? escalateForm(run) : null;
    this.dismissForm = agent ? dismissForm(run) : null;
    this.waiveForm = agent ? waiveForm(run) : null;
    append(p.forms, [this.escalateForm, this.dismissForm]);
    setChildren(
      this.root,
      this.backButton(),
      p.header,
      p.error,
      p.done,
      agent ? p.actions : null,
      p.forms,
      p.escalations,
      section('Posts', p.thread),
      this.reply.section,
      section('Why it ranks here', p.priority),
      section('Follow-ups', p.followUps, this.waiveForm),
      section('Notes', p.notes, agent ? noteForm(run) : null),
      section('Compensation', p.compensation, agent ? compensationForm(run) : null),
      section('Author history', p.author),
      section('History', p.history),
    );
    this.root.scrollTop = 0;
  }

  /** Everything that shows the case's current state: redrawn on every refresh. */
  fill() {
    const d = this.detail;
    const p = this.parts;
    // A refresh redraws controls the user may be on (the status select): focus comes back to them.
    const focused = document.activeElement;
    const focusedId = focused && focused.id && p.actions.contains(focused) ? focused.id : '';
    const author = d.author;
    setChildren(
      p.header,
      el(
        'h2',
        { attrs: { id: 'case-title', tabindex: '-1' } },
        el('span', {}, author.name || author.handle || 'Unknown author'),
        author.name && author.handle && author.name !== author.handle
          ? el('span', { className: 'handle' }, ` ${author.handle}`)
          : null,
      ),
      el(
        'p',
        { className: 'case-meta' },
        sourceBadge(d.source),
        el('span', {}, `Case #${d.id}`),
        el('span', {}, brandsLine(d.brands ?? [d.brand])),
        el('span', {}, reach(author.reach)),
        el('span', { title: when(d.openedAt) }, `opened ${ago(d.openedAt)}`),
      ),
      el(
        'p',
        { className: 'case-meta' },
        el('span', { className: `chip status status-${d.status}` }, statusLabel(d.status)),
        el('span', { className: 'chip chip-category' }, d.categoryLabel),
        d.tags?.includes(LANGUAGE_NOT_ANALYSED)
          ? el('span', { className: 'chip chip-language' }, LANGUAGE_NOT_ANALYSED)
          : null,
        angerMeter(d.score, d.intensity),
        el('span', {}, d.owner ? `owner ${d.owner}` : 'unassigned'),
        d.team ? el('span', {}, `team ${d.team}`) : null,
        el('span', { className: 'priority' }, `P${Math.round(d.priority.value)}`),
        slaBadge(d.sla, this.fetchedAt),
      ),
    );
    if (canAct()) this.fillActions();
    setChildren(
      p.escalations,
      ...d.escalations.map((x) =>
        el(
          'p',
          { className: 'escalation', attrs: { role: 'note' } },
          el('strong', {}, `Escalated${x.team ? ` to ${x.team}` : ''}${x.owner ? ` (${x.owner})` : ''}: `),
          x.reason,
          el('span', { className: 'muted' }, ` rule ${x.rule}`),
        ),
      ),
    );
    setChildren(p.thread, ...d.thread.map((m) => this.post(m)));
    this.reply.fill(d);
    setChildren(
      p.priority,
      el('p', {}, `Priority ${d.priority.value.toFixed(1)}, from:`),
      el(
        'ul',
        { className: 'factors' },
        d.priority.factors.map((f) =>
          el('li', {}, el('span', { className: 'points' }, `+${f.points.toFixed(1)}`), el('span', {}, f.why)),
        ),
      ),
    );
    setChildren(p.followUps, ...this.followUpItems());
    if (d.followUps.length === 0)
      p.followUps.append(el('li', { className: 'muted' }, 'None yet: marking a reply sets them.'));
    setChildren(
      p.notes,
      ...d.notes.map((n) =>
        el('li', {}, el('span', { className: 'muted' }, `${n.by}, ${when(n.at)}: `), n.text),
      ),
    );
    if (d.notes.length === 0) p.notes.append(el('li', { className: 'muted' }, 'No notes.'));
    setChildren(
      p.compensation,
      ...d.compensation.map((c) =>
        el(
          'li',
          {},
          el('strong', {}, `${c.kind} ${c.amount} ${c.currency}`),
          c.note ? ` · ${c.note}` : '',
          el('span', { className: 'muted' }, ` (${c.givenBy}, ${when(c.givenAt)})`),
        ),
      ),
    );
    if (d.compensation.length === 0) p.compensation.append(el('li', { className: 'muted' }, 'None given.'));
    setChildren(p.author, ...this.authorHistory());
    if (focusedId) document.getElementById(focusedId)?.focus();
    setChildren(p.history, ...d.history.map((h) => this.historyItem(h)));
  }

  /** One history entry; a reply sent or approved shows its text, and what the agent sent it despite. */
  historyItem(h) {
    const text = (h.kind === 'replied' || h.kind === 'review_approved') && h.data?.text;
    const findings = h.kind === 'replied' && h.data?.confirmed ? (h.data.findings ?? []) : [];
    return el(
      'li',
      { dataset: { kind: h.kind } },
      el('span', { className: 'muted' }, `${when(h.at)} · ${h.actor} · `),
      el('strong', {}, h.kind.replaceAll('_', ' ')),
      h.from || h.to ? ` ${statusLabel(h.from ?? '')} → ${statusLabel(h.to ?? '')}` : '',
      h.note ? `: ${h.note}` : '',
      text ? el('p', { className: 'history-text' }, text) : null,
      findings.length
        ? el(
            'div',
            { className: 'history-findings' },
            el('span', {}, 'Sent anyway, despite the check before sending:'),
            el(
              'ul',
              {},
              findings.map((f) => el('li', {}, f.message)),
            ),
          )
        : null,
    );
  }

  post(m) {
    const flags = Object.entries(FLAG_LABELS)
      .filter(([key]) => m.flags?.[key])
      .map(([, label]) => el('span', { className: 'chip chip-flag' }, label));
    const stakes = (m.flags?.personalStakes ?? []).map((s) =>
      el('span', { className: 'chip chip-stake' }, `stakes: ${s}`),
    );
    const original = safeHttpUrl(m.url)
      ? safeLink(m.url, 'Open the original post', 'original-link')
      : m.url
        ? el(
            'span',
            { className: 'muted' },
            'Original address (not a web link, not opened): ',
            el('code', {}, m.url),
          )
        : null;
    return el(
      'article',
      { className: 'post' },
      el(
        'p',
        { className: 'post-meta' },
        el('span', {}, m.authorHandle ?? ''),
        el('time', { attrs: { datetime: m.postedAt }, title: ago(m.postedAt) }, when(m.postedAt)),
        m.score !== null ? angerMeter(m.score, m.intensity) : null,
      ),
      el('p', { className: 'post-text' }, m.text),
      original || flags.length || stakes.length
        ? el('p', { className: 'post-foot' }, original, flags, stakes)
        : null,
      m.reasons.length
        ? el(
            'div',
            { className: 'reasons' },
            el('span', { className: 'reasons-title' }, 'Why the classifier flagged it: '),
            el(
              'ul',
              { className: 'inline-list' },
              m.reasons.map((r) => el('li', {}, r)),
            ),
          )
        : null,
    );
  }

  followUpItems() {
    return this.detail.followUps.map((f) => {
      const what = f.kind === 'promise' ? `Promise: “${f.phrase}”` : 'Check in with the customer';
      const buttons =
        canAct() && f.status === 'pending'
          ? el(
              'span',
              { className: 'inline-actions' },
              el(
                'button',
                { attrs: { type: 'button' }, on: { click: (e) => this.followUpDone(f, e.currentTarget) } },
                'Done',
              ),
              el('button', { attrs: { type: 'button' }, on: { click: () => this.showWaive(f) } }, 'Waive…'),
            )
          : null;
      return el(
        'li',
        { className: f.overdue ? 'is-overdue' : '' },
        el('strong', {}, what),
        ` · due ${when(f.dueAt)} (${ago(f.dueAt)}) · `,
        el('span', { className: `chip follow-${f.status}` }, f.overdue ? 'overdue' : f.status),
        f.reason ? el('span', { className: 'muted' }, ` ${f.reason}`) : null,
        buttons,
      );
    });
  }

  authorHistory() {
    const h = this.detail.authorHistory;
    const out = [];
    if (h.repeat) out.push(el('p', { className: 'repeat-note' }, h.repeat.note));
    if (h.cases.length)
      out.push(
        el('h4', {}, 'Earlier cases'),
        el(
          'ul',
          { className: 'plain-list' },
          h.cases.map((c) =>
            el(
              'li',
              {},
              el(
                'button',
                {
                  className: 'link-button',
                  attrs: { type: 'button' },
                  on: { click: () => this.onOpenCase(c.id) },
                },
                `#${c.id}`,
              ),
              ` ${statusLabel(c.status)} · ${c.category} · ${when(c.openedAt)} · `,
              c.firstLine,
            ),
          ),
        ),
      );
    if (h.mentions.length)
      out.push(
        el('h4', {}, 'Recent posts'),
        el(
          'ul',
          { className: 'plain-list' },
          h.mentions.map((m) =>
            el(
              'li',
              {},
              el('span', { className: 'muted' }, `${when(m.postedAt)} · ${m.angry ? 'angry' : 'calm'} · `),
              m.firstLine,
              ' ',
              safeHttpUrl(m.url) ? safeLink(m.url, 'original') : null,
            ),
          ),
        ),
      );
    if (out.length === 0) out.push(el('p', { className: 'muted' }, 'Nothing else from this author.'));
    return out;
  }

  // ---- actions ----

  fillActions() {
    const d = this.detail;
    const mine = d.owner !== null && d.owner === session.user?.email;
    const moves = (d.allowedMoves ?? []).filter((s) => !OWN_CONTROL.has(s));
    const previous = this.parts.actions.querySelector('#status-move')?.value;
    const select = el(
      'select',
      { attrs: { id: 'status-move' } },
      moves.map((s) => el('option', { attrs: { value: s } }, statusLabel(s))),
    );
    if (moves.includes(previous)) select.value = previous;
    const actionButton = (label, handler, options = {}) =>
      el(
        'button',
        {
          attrs: { type: 'button', ...options.attrs },
          className: options.className ?? '',
          on: { click: handler },
        },
        label,
      );
    setChildren(
      this.parts.actions,
      actionButton(mine ? 'Assigned to you' : 'Assign to me', () => this.assignToMe(), {
        attrs: { disabled: mine, 'aria-keyshortcuts': 'a', id: 'assign-me' },
      }),
      moves.length
        ? el(
            'span',
            { className: 'move' },
            el('label', { attrs: { for: 'status-move' } }, 'Move to'),
            select,
            actionButton('Move', (e) => this.move(select.value, e.currentTarget), {
              attrs: { id: 'status-move-button' },
            }),
          )
        : null,
      actionButton('Escalate…', () => this.startEscalate(), { attrs: { 'aria-keyshortcuts': 'e' } }),
      (d.allowedMoves ?? []).includes('dismissed')
        ? actionButton('Not a complaint…', () => this.showOnly(this.dismissForm), { className: 'danger' })
        : null,
    );
  }

  /**
   * Marks the reply sent; `confirm` sends it despite the check's findings. Resolves true when recorded,
   * the findings when the check refused it without a confirmation (422), false otherwise.
   */
  async markReplied(text, confirm, button) {
    let findings = null;
    const recorded = await this.act(
      button,
      () => this.postAction('reply', confirm ? { text, confirm: true } : { text }),
      confirm
        ? 'Reply recorded, with what the check found; its promises are now follow-ups.'
        : 'Reply recorded; its promises are now follow-ups.',
      (error) => {
        if (error.status !== 422 || !Array.isArray(error.body?.findings)) return false;
        findings = error.body.findings;
        this.announce(`The check found ${findings.length} thing(s) to look at before sending.`);
        return true;
      },
    );
    return recorded ? true : (findings ?? false);
  }

  /** The check before sending on the text being written: its findings, or null when it failed. */
  async checkText(text) {
    try {
      const { findings } = await this.postAction('reply/check', { text });
      return findings;
    } catch (error) {
      this.showError(error.message);
      return null;
    }
  }

  /**
   * Runs one request for a control, shows the answer, and keeps the queue row in step. `handled(error)`
   * may take a failure over (returning true) instead of the pane's error line.
   */
  async act(button, work, doneMessage, handled) {
    const caseId = this.caseId;
    // Disabling the focused button drops focus: it comes back to the redrawn control of that id.
    const refocus = button && button === document.activeElement ? button.id : '';
    if (button) button.disabled = true;
    this.parts.error.hidden = true;
    try {
      const detail = await work();
      this.onChanged(detail);
      // The person may have moved on to another case meanwhile: that pane is left alone.
      if (this.caseId !== caseId) return true;
      this.show(detail);
      this.showDone(doneMessage);
      return true;
    } catch (error) {
      if (this.caseId === caseId && !(handled && handled(error))) this.showError(error.message);
      return false;
    } finally {
      if (button) button.disabled = false;
      if (refocus) document.getElementById(refocus)?.focus();
    }
  }

  showDone(message) {
    this.parts.error.hidden = true;
    this.parts.done.textContent = message;
    this.parts.done.hidden = false;
    this.announce(message);
  }

  showError(message) {
    if (!this.parts) return;
    this.parts.done.hidden = true;
    this.parts.error.textContent = message;
    this.parts.error.hidden = false;
  }

  postAction(path, body) {
    return api('POST', `/api/cases/${this.caseId}/${path}`, body);
  }

  async assignToMe() {
    if (!this.detail || !canAct()) return;
    if (this.detail.owner === session.user.email) {
      this.announce('This case is already yours.');
      return;
    }
    await this.act(
      document.querySelector('#assign-me'),
      () => this.postAction('assign', { owner: session.user.email }),
      'Assigned to you.',
    );
  }

  async move(status, button) {
    if (!status) return;
    await this.act(button, () => this.postAction('status', { status }), `Moved to ${statusLabel(status)}.`);
  }

  startEscalate() {
    if (!this.detail || !canAct()) return;
    this.showOnly(this.escalateForm);
    const team = this.escalateForm.querySelector('[name="team"]');
    if (!team.value && this.detail.team) team.value = this.detail.team;
    this.escalateForm.querySelector('[name="reason"]').focus();
  }

  /** One action form open at a time, right under the buttons. */
  showOnly(form) {
    for (const f of [this.escalateForm, this.dismissForm]) if (f) f.hidden = f !== form;
    form?.querySelector('input, textarea, select')?.focus();
  }

  showWaive(followUp) {
    this.waiveForm.dataset.followUpId = String(followUp.id);
    this.waiveForm.hidden = false;
    this.waiveForm.querySelector('input').focus();
  }

  async followUpDone(followUp, button) {
    await this.act(button, () => this.postAction(`follow-ups/${followUp.id}/done`, {}), 'Follow-up done.');
  }

  backButton() {
    return el(
      'button',
      { className: 'back-button', attrs: { type: 'button' }, on: { click: () => this.onClose() } },
      '← Back to the queue',
    );
  }
}

/** "brand acme", or for a post that matched several brands "brands acme, beta" (one case for all). */
function brandsLine(brands) {
  return `${brands.length > 1 ? 'brands' : 'brand'} ${brands.join(', ')}`;
}
