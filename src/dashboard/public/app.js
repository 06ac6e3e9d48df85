'use strict';
// The triage dashboard: sign-in, the queue beside the case pane, the live event stream, keyboard
// shortcuts and the overview tab. Plain modules, no build step; everything from outside is text.

import { ApiError, canAct, resumeSession, session, signIn, signOut, whenSignedOut } from './api.js';
import { CasePane } from './case-pane.js';
import { $, isTyping } from './dom.js';
import { MentionsView } from './mentions.js';
import { Overview } from './overview.js';
import { Queue, startCountdowns } from './queue.js';

const views = {
  signIn: $('#signin-view'),
  app: $('#app-view'),
  queue: $('#queue-view'),
  overview: $('#overview-view'),
  mentions: $('#mentions-view'),
};
const announcer = $('#announcer');
const newButton = $('#new-count');
const liveState = $('#live-state');
const shortcuts = $('#shortcuts-dialog');
const narrow = window.matchMedia('(max-width: 760px)');

let events = null;
/** Cases opened since the queue was last shown in full: the "N new" button counts them. */
const unseen = new Set();
let refreshTimer = 0;
let paneStale = false;

/** Polite announcements for screen readers: one region, latest message wins. */
function announce(message) {
  announcer.textContent = '';
  // A fresh text node after clearing makes the same message announce again.
  setTimeout(() => (announcer.textContent = message), 50);
}

/** A failed request outside an action (those show their own message): a 401 has its own way out. */
function showError(error) {
  if (error instanceof ApiError && error.status === 401) return;
  announce(error.message);
  if (pane.caseId !== null) pane.showError(error.message);
  else queue.showError(error.message);
}

const queue = new Queue({ onOpen: (id) => void openCase(id, { push: true }), onError: showError });

const pane = new CasePane({
  onChanged: (detail) => queue.update(detail),
  onClose: () => closeCase(),
  onOpenCase: (id) => void openCase(id, { push: true }),
  announce,
  onError: showError,
});

const overview = new Overview({ onError: (error) => announce(error.message) });

const mentions = new MentionsView({
  onOpenCase: (id) => {
    showView('queue');
    void queue.refresh();
    void openCase(id, { push: true });
  },
  announce,
  onError: (error) => announce(error.message),
});

// ---- signing in and out ----

function showSignIn(message = '') {
  closeEvents();
  queue.reset();
  pane.reset();
  document.body.classList.remove('case-open');
  views.app.hidden = true;
  views.signIn.hidden = false;
  const error = $('#signin-error');
  error.textContent = message;
  error.hidden = message === '';
  $('#signin-email').focus();
  document.title = 'Sign in · Defuse';
}

whenSignedOut(() => {
  session.user = null;
  session.csrfToken = null;
  showSignIn('Your session has ended. Please sign in again.');
});

$('#signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = $('button[type="submit"]', form);
  const error = $('#signin-error');
  const email = $('#signin-email').value.trim();
  const password = $('#signin-password').value;
  if (!email || !password) {
    error.textContent = 'Enter your email and password.';
    error.hidden = false;
    return;
  }
  button.disabled = true;
  error.hidden = true;
  try {
    await signIn(email, password);
    $('#signin-password').value = '';
    await startApp();
  } catch (e) {
    error.textContent =
      e instanceof ApiError && e.status === 401
        ? 'Wrong email or password.'
        : e instanceof ApiError && e.status === 429
          ? `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}.`
          : e.message;
    error.hidden = false;
    $('#signin-password').select();
  } finally {
    button.disabled = false;
  }
});

$('#signout-button').addEventListener('click', async () => {
  try {
    await signOut();
  } catch {
    // Signed out locally either way; the server session expires on its own.
  }
  showSignIn('You are signed out.');
});

async function startApp() {
  const user = session.user;
  $('#user-name').textContent = user.name || user.email;
  $('#user-role').textContent = user.role;
  views.signIn.hidden = true;
  views.app.hidden = false;
  if (narrow.matches) $('#filter-more').open = false;
  unseen.clear();
  showNewCount();
  showView('queue');
  openEvents();
  await Promise.all([queue.load(), queue.loadBrands().catch(showError)]);
  const fromAddress = caseIdFromAddress();
  if (fromAddress !== null) await openCase(fromAddress, { push: false });
  else pane.close();
}

// ---- the case pane and the address bar ----

function caseIdFromAddress() {
  const match = /^#case\/(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

/** #case/12 in the address: a reload or a shared link opens the same case; Back returns to the list. */
async function openCase(id, { push }) {
  if (push && caseIdFromAddress() !== id)
    history[caseIdFromAddress() === null ? 'pushState' : 'replaceState'](null, '', `#case/${id}`);
  queue.setOpen(id);
  document.body.classList.add('case-open');
  await pane.open(id);
  // On a phone the pane replaces the list: focus goes to it. Beside the list, focus stays in the queue.
  if (narrow.matches) document.querySelector('#case-title')?.focus();
}

function closeCase() {
  if (caseIdFromAddress() !== null) history.pushState(null, '', location.pathname);
  document.body.classList.remove('case-open');
  const id = pane.caseId;
  pane.close();
  queue.setOpen(null);
  if (id !== null) queue.select(id);
}

window.addEventListener('popstate', () => {
  const id = caseIdFromAddress();
  if (id !== null) void openCase(id, { push: false });
  else {
    document.body.classList.remove('case-open');
    pane.close();
    queue.setOpen(null);
  }
});

// ---- views ----

function showView(name) {
  for (const view of ['queue', 'mentions', 'overview']) {
    views[view].hidden = name !== view;
    $(`#tab-${view}`).setAttribute('aria-current', name === view ? 'page' : 'false');
  }
  if (name === 'overview') void overview.load();
  if (name === 'mentions') void mentions.load();
}

$('#tab-queue').addEventListener('click', () => showView('queue'));
$('#tab-mentions').addEventListener('click', () => showView('mentions'));
$('#tab-overview').addEventListener('click', () => showView('overview'));

// ---- live events ----

function showNewCount() {
  const n = unseen.size;
  newButton.hidden = n === 0;
  newButton.textContent = `${n} new case${n === 1 ? '' : 's'}: show`;
  document.title = n > 0 ? `(${n}) Defuse` : 'Defuse';
}

newButton.addEventListener('click', async () => {
  const arrived = [...unseen];
  unseen.clear();
  showNewCount();
  showView('queue');
  await queue.load(arrived);
  // Where they rank, not pinned on top: the first of them is scrolled to and selected.
  const first = queue.revealFresh();
  announce(
    first
      ? `The queue now shows the new cases where they rank, marked just in; the first is number ${first.rank}.`
      : 'The new cases do not match the filters.',
  );
});

/**
 * Changes arrive in bursts (a poll stores many posts): at most one refresh of the list, and of the
 * open case when it was among them, every half second.
 */
function refreshSoon(caseId) {
  if (caseId === pane.caseId) paneStale = true;
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = 0;
    void queue.refresh();
    if (paneStale) void pane.reload();
    paneStale = false;
  }, 500);
}

function openEvents() {
  closeEvents();
  const source = new EventSource('/api/events');
  events = source;
  source.addEventListener('open', () => setLive('live'));
  // New cases wait for the "N new" button, so rows never jump under the reader; changes show at once.
  source.addEventListener('case.opened', (event) => {
    const opened = parse(event);
    if (!opened) return;
    unseen.add(opened.caseId);
    showNewCount();
  });
  source.addEventListener('case.changed', (event) => refreshSoon(parse(event)?.caseId));
  source.addEventListener('sla.breached', (event) => refreshSoon(parse(event)?.caseId));
  source.addEventListener('follow-up.due', (event) => {
    const due = parse(event);
    if (due) announce(`A follow-up is due on case #${due.caseId}.`);
    refreshSoon(due?.caseId);
  });
  source.addEventListener('error', () => {
    if (events !== source) return;
    setLive('reconnecting');
    // EventSource retries by itself after a network error, but gives up on an HTTP error (a 401 when
    // the session ended): then find out why, and start again or ask to sign in.
    if (source.readyState === EventSource.CLOSED)
      setTimeout(async () => {
        if (events !== source) return;
        const user = await resumeSession().catch(() => undefined);
        if (user === null) showSignIn('Your session has ended. Please sign in again.');
        else if (events === source) openEvents();
      }, 3000);
  });
}

function closeEvents() {
  events?.close();
  events = null;
  setLive('off');
}

function setLive(state) {
  liveState.dataset.state = state;
  liveState.textContent = { live: 'Live', reconnecting: 'Reconnecting…', off: 'Offline' }[state];
}

function parse(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return null;
  }
}

// ---- keyboard ----

const KEYS = {
  j: () => queue.move(1),
  k: () => queue.move(-1),
  Enter: () => openSelected(),
  a: async () => {
    if (!canAct()) return announce('Viewers cannot assign cases.');
    if (await ensureOpen()) await pane.assignToMe();
  },
  r: async () => {
    if (await ensureOpen()) pane.focusReply();
  },
  e: async () => {
    if (!canAct()) return announce('Viewers cannot escalate cases.');
    if (await ensureOpen()) pane.startEscalate();
  },
  '/': () => $('#filter-q').focus(),
  '?': () => shortcuts.showModal(),
  Escape: () => {
    if (narrow.matches && pane.caseId !== null) closeCase();
  },
};

async function openSelected() {
  const id = queue.selected();
  if (id !== null) await openCase(id, { push: true });
}

/** The shortcut's case: the one in the pane, else the selected row (opened first). */
async function ensureOpen() {
  if (pane.caseId !== null) return true;
  await openSelected();
  return pane.caseId !== null;
}

document.addEventListener('keydown', (event) => {
  if (views.app.hidden || shortcuts.open) return;
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  // Enter on a button or link does what that control does; only a bare Enter opens the selection.
  if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('button, a, summary'))
    return;
  const handler = KEYS[event.key];
  if (!handler || (views.queue.hidden && event.key !== '?')) return;
  event.preventDefault();
  void handler();
});

$('#shortcuts-button').addEventListener('click', () => shortcuts.showModal());

// ---- start ----

startCountdowns();
resumeSession()
  .then((user) => (user ? startApp() : showSignIn()))
  .catch((error) => showSignIn(error.message));
