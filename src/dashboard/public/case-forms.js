'use strict';
// The forms of a case's actions: escalate, not a complaint, note, compensation, waive a follow-up.
// Each turns its fields into one API call; `run.send` makes it and says whether it worked.

import { el } from './dom.js';

const COMPENSATION_KINDS = ['refund', 'credit', 'replacement', 'discount', 'gift', 'other'];

export function field(label, control) {
  return el('p', { className: 'field' }, el('label', { attrs: { for: control.id } }, label), control);
}

function input(name, id, attrs = {}) {
  return el('input', { attrs: { name, id, autocomplete: 'off', ...attrs } });
}

function value(data, name) {
  return String(data.get(name) ?? '').trim();
}

/**
 * request(data, form) gives { path, body } for the call, or a sentence saying what is missing.
 * A form that opens on demand (`closable`) starts hidden and has a Cancel button.
 */
function actionForm({ name, intro, fields, submit, danger, closable, className, request, done }, run) {
  const form = el(
    'form',
    { className, hidden: closable, attrs: { 'aria-label': name } },
    closable ? el('h3', {}, name) : null,
    intro ? el('p', {}, intro) : null,
    fields,
    el(
      'p',
      { className: 'form-buttons' },
      el('button', { className: danger ? 'danger' : '', attrs: { type: 'submit' } }, submit),
      closable
        ? el('button', { attrs: { type: 'button' }, on: { click: () => (form.hidden = true) } }, 'Cancel')
        : null,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const call = request(new FormData(form), form);
    if (typeof call === 'string') return run.invalid(call);
    if (await run.send(call.path, call.body, event.submitter, done)) {
      form.reset();
      if (closable) form.hidden = true;
    }
  });
  return form;
}

export function escalateForm(run) {
  return actionForm(
    {
      name: 'Escalate',
      closable: true,
      className: 'action-form',
      fields: [
        field('Team', input('team', 'escalate-team', { maxlength: 64 })),
        field('Owner (optional)', input('owner', 'escalate-owner', { maxlength: 100 })),
        field(
          'Why it goes up the chain',
          el('textarea', { attrs: { name: 'reason', id: 'escalate-reason', rows: 2, maxlength: 2000 } }),
        ),
      ],
      submit: 'Escalate',
      done: 'Escalated.',
      request: (data) => {
        const [team, owner, reason] = ['team', 'owner', 'reason'].map((n) => value(data, n));
        if (!team && !owner) return 'Name a team or an owner to escalate to.';
        if (!reason) return 'Say why the case goes up the chain.';
        return { path: 'escalate', body: { reason, ...(team ? { team } : {}), ...(owner ? { owner } : {}) } };
      },
    },
    run,
  );
}

export function dismissForm(run) {
  return actionForm(
    {
      name: 'Not a complaint',
      closable: true,
      className: 'action-form',
      intro:
        'Dismisses the case and records that its posts are not complaints: new posts with the same text (or a near copy) are no longer flagged, and the nightly retrain learns from it unless that would make the model worse.',
      fields: [field('Note (optional)', input('note', 'dismiss-note', { maxlength: 2000 }))],
      submit: 'Dismiss as not a complaint',
      danger: true,
      done: 'Dismissed: the correction is recorded; copies of these posts will not be flagged.',
      request: (data) => {
        const note = value(data, 'note');
        return { path: 'status', body: { status: 'dismissed', ...(note ? { note } : {}) } };
      },
    },
    run,
  );
}

export function noteForm(run) {
  return actionForm(
    {
      name: 'Add a note',
      className: 'inline-form',
      fields: [
        field(
          'Add a note',
          el('textarea', { attrs: { name: 'text', id: 'note-text', rows: 2, maxlength: 5000 } }),
        ),
      ],
      submit: 'Add note',
      done: 'Note added.',
      request: (data) => {
        const text = value(data, 'text');
        return text ? { path: 'notes', body: { text } } : 'Write the note first.';
      },
    },
    run,
  );
}

export function compensationForm(run) {
  return actionForm(
    {
      name: 'Record compensation',
      className: 'inline-form compensation-form',
      fields: [
        field(
          'Kind',
          el(
            'select',
            { attrs: { name: 'kind', id: 'comp-kind' } },
            COMPENSATION_KINDS.map((k) => el('option', { attrs: { value: k } }, k)),
          ),
        ),
        field(
          'Amount',
          input('amount', 'comp-amount', { type: 'number', min: 0, step: '0.01', inputmode: 'decimal' }),
        ),
        field('Currency', input('currency', 'comp-currency', { maxlength: 3, placeholder: 'EUR' })),
        field('Note (optional)', input('note', 'comp-note', { maxlength: 2000 })),
      ],
      submit: 'Record compensation',
      done: 'Compensation recorded.',
      request: (data) => {
        const amount = value(data, 'amount');
        const currency = value(data, 'currency').toUpperCase();
        const note = value(data, 'note');
        if (amount === '' || !(Number(amount) >= 0)) return 'Give the amount, 0 or more.';
        if (!/^[A-Z]{3}$/.test(currency)) return 'Give the currency as its three-letter code, e.g. EUR.';
        const body = {
          kind: value(data, 'kind'),
          amount: Number(amount),
          currency,
          ...(note ? { note } : {}),
        };
        return { path: 'compensation', body };
      },
    },
    run,
  );
}

/** One form for every follow-up of the case: "Waive…" on a follow-up points it there. */
export function waiveForm(run) {
  return actionForm(
    {
      name: 'Waive follow-up',
      closable: true,
      className: 'inline-form',
      fields: [field('Why no follow-up is needed', input('reason', 'waive-reason', { maxlength: 2000 }))],
      submit: 'Waive follow-up',
      done: 'Follow-up waived.',
      request: (data, form) => {
        const reason = value(data, 'reason');
        if (!reason) return 'Say why the follow-up is not needed.';
        return { path: `follow-ups/${form.dataset.followUpId}/waive`, body: { reason } };
      },
    },
    run,
  );
}
