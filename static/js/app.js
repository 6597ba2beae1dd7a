// app.js: progressive enhancement of the casedesk pages (every page works without it): local times,
// live filtering of the case list, views saved without a reload, comments posted without a reload, @mention
// suggestions, file sizes checked before an upload is sent, attachment deletes confirmed in place, the case
// list's bulk bar shown while cases are ticked.
'use strict';

(function () {
  /** The session's CSRF token, from the layout's meta tag or a form's hidden field. */
  function csrfToken(form) {
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) return meta.content;
    const field = (form || document).querySelector('input[name="csrf_token"]');
    return field ? field.value : '';
  }

  // ---- dates in the reader's local time; the ISO value stays in the datetime attribute ----
  const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach((t) => {
      const d = new Date(t.getAttribute('datetime'));
      if (Number.isNaN(d.getTime())) return;
      if (t.classList.contains('ago')) { // "3 h ago" stays; its title says when, in local time
        t.title = t.title.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/, timeFormat.format(d));
        return;
      }
      if (!t.title) t.title = t.textContent.trim();
      t.textContent = timeFormat.format(d);
    });
  }

  // ---- case list: on a phone the filters start folded, so the first cases show on the first screen ----
  function foldFilters() {
    const panel = document.getElementById('filter-panel');
    if (panel && window.matchMedia('(max-width: 48rem)').matches) panel.open = false;
  }

  // ---- case list: live filtering as the search box changes ----
  function liveFilter() {
    const form = document.getElementById('case-filters');
    const results = document.getElementById('results');
    const count = document.getElementById('result-count');
    if (!form || !results) return;
    let timer = 0;
    let controller = null;

    function url() {
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v !== '') params.append(k, v);
      const q = params.toString();
      return form.getAttribute('action') + (q ? `?${q}` : '');
    }

    async function refresh() {
      const target = url();
      if (controller) controller.abort();
      controller = new AbortController();
      results.setAttribute('aria-busy', 'true');
      try {
        const res = await fetch(target, { headers: { Accept: 'text/html' }, signal: controller.signal });
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = doc.getElementById('results');
        if (!fresh) throw new Error(`unexpected answer (${res.status})`);
        results.replaceChildren(...Array.from(fresh.childNodes, (n) => document.importNode(n, true)));
        const freshCount = doc.getElementById('result-count');
        if (count && freshCount) count.textContent = freshCount.textContent;
        const qError = document.getElementById('q-error'), freshError = doc.getElementById('q-error');
        if (qError && freshError) {
          qError.replaceChildren(...Array.from(freshError.childNodes, (n) => document.importNode(n, true)));
          const box = document.getElementById('f-q');
          if (box && freshError.childNodes.length) box.setAttribute('aria-invalid', 'true');
          else if (box) box.removeAttribute('aria-invalid');
        }
        replaceViews(doc);
        localTimes(results);
        history.replaceState(null, '', target);
      } catch (e) {
        if (e.name === 'AbortError') return;
        if (count) count.textContent = 'The list could not be updated; use Apply filters.';
      } finally {
        results.removeAttribute('aria-busy');
      }
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }

    form.querySelectorAll('input[type="search"][data-live]').forEach((el) => el.addEventListener('input', soon));
    form.querySelectorAll('select, input[type="checkbox"]').forEach((el) => el.addEventListener('change', soon));
  }

  // ---- case list: the bulk bar shows, and stays in view, while cases are ticked; "select all" ticks the page ----
  function bulkBar() {
    document.documentElement.classList.add('js-bulk');
    function update(form) {
      const picks = Array.from(form.querySelectorAll('input.bulk-pick'));
      const n = picks.filter((p) => p.checked).length;
      form.classList.toggle('has-selection', n > 0);
      const all = form.querySelector('#bulk-all');
      if (all) {
        all.checked = n > 0 && n === picks.length;
        all.indeterminate = n > 0 && n < picks.length;
      }
      const count = form.querySelector('#bulk-count');
      if (count) count.textContent = n === 1 ? '1 case selected' : `${n} cases selected`;
    }
    // Delegated: live filtering replaces the list, form and all.
    document.addEventListener('change', (e) => {
      const form = e.target.closest && e.target.closest('#bulk-form');
      if (!form) return;
      if (e.target.id === 'bulk-all') form.querySelectorAll('input.bulk-pick').forEach((p) => { p.checked = e.target.checked; });
      update(form);
    });
    const form = document.getElementById('bulk-form');
    if (form) update(form);
  }

  // ---- case list: the views sidebar follows the list shown; Save this view without a reload ----
  /** Replaces the views sidebar and the heading with those of doc (a /cases page), which name the view it shows. */
  function replaceViews(doc) {
    const views = document.getElementById('views');
    const fresh = doc.getElementById('views');
    if (views && fresh) views.replaceWith(document.importNode(fresh, true));
    const heading = document.querySelector('.toolbar h1'), freshHeading = doc.querySelector('.toolbar h1');
    if (heading && freshHeading) heading.textContent = freshHeading.textContent;
  }

  function saveView() {
    // delegated: live filtering replaces the form with the list
    document.addEventListener('submit', async (ev) => {
      const form = ev.target;
      if (!(form instanceof HTMLFormElement) || form.id !== 'save-view-form') return;
      ev.preventDefault();
      const input = form.elements.name;
      const error = document.getElementById('view-name-error');
      const status = document.getElementById('save-view-status');
      const button = form.querySelector('button[type="submit"]');
      const org = new URL(form.action, window.location.href).searchParams.get('org');
      const showError = (message) => {
        error.textContent = message || '';
        input.closest('.field').classList.toggle('invalid', !!message);
        if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
      };
      if (!input.value.trim()) {
        showError('This field may not be blank.');
        input.focus();
        return;
      }
      button.disabled = true;
      try {
        const res = await fetch('/api/views/', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken(form),
            ...(org ? { 'organization-id': org } : {}),
          },
          body: JSON.stringify({ name: input.value, shared: form.elements.shared.checked, query: form.elements.query.value }),
        });
        const body = await res.json().catch(() => null);
        if (res.status === 201 && body && body.id) {
          showError('');
          const params = new URLSearchParams({ view: body.id });
          if (org) params.set('org', org);
          const target = `/cases?${params}`;
          const page = await fetch(target, { headers: { Accept: 'text/html' } });
          replaceViews(new DOMParser().parseFromString(await page.text(), 'text/html'));
          history.replaceState(null, '', target);
          input.value = '';
          status.textContent = `Saved the view “${body.name}”.`;
        } else if (body && body.errors) {
          const { name, ...rest } = body.errors;
          showError(name ? name.join(' ') : '');
          status.textContent = Object.values(rest).flat().join(' ');
          input.focus();
        } else {
          status.textContent = (body && body.detail) || `The view could not be saved (${res.status}).`;
        }
      } catch {
        status.textContent = 'The view could not be saved: the server did not answer.';
      } finally {
        button.disabled = false;
      }
    });
  }

  // ---- case detail: comments without a reload ----
  function commentThread(form) {
    const thread = document.getElementById('comment-thread');
    const counter = document.getElementById('comment-count');
    const empty = document.getElementById('no-comments');
    const textarea = form.querySelector('textarea[name="comment"]');
    const error = document.getElementById('comment-error');
    const field = textarea.closest('.field');
    const button = form.querySelector('button[type="submit"]');
    const status = document.getElementById('comment-status');
    const loaded = form.querySelector('input[name="version"]');

    /** Says in the form's status line that the case changed since the page was loaded, with a reload link. */
    function showChanged() {
      if (!status) return;
      const reload = document.createElement('a');
      reload.href = window.location.pathname;
      reload.textContent = 'Reload the case';
      status.replaceChildren('Posted a comment. The case changed after you opened it: ', reload,
        ' to see it as it is now.');
    }

    function showError(message) {
      error.textContent = message || '';
      field.classList.toggle('invalid', !!message);
      if (message) textarea.setAttribute('aria-invalid', 'true'); else textarea.removeAttribute('aria-invalid');
    }

    function append(c) {
      const li = document.createElement('li');
      li.className = 'comment';
      li.id = `comment-${c.id}`;
      const meta = document.createElement('p');
      meta.className = 'meta';
      const who = document.createElement('strong');
      const by = c.commented_by || {};
      who.textContent = by.name || by.email || '';
      const when = document.createElement('time');
      when.setAttribute('datetime', c.commented_on);
      when.textContent = c.commented_on;
      meta.append(who, ' ', when);
      const body = document.createElement('div');
      body.className = 'prose';
      body.textContent = c.comment;
      li.append(meta, body);
      thread.append(li);
      localTimes(li);
      if (counter) counter.textContent = String((parseInt(counter.textContent, 10) || 0) + 1);
      if (empty) empty.hidden = true;
    }

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const text = textarea.value;
      if (!text.trim()) {
        showError('This field may not be blank.');
        textarea.focus();
        return;
      }
      button.disabled = true;
      try {
        const res = await fetch(`/api/cases/${form.dataset.case}/`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken(form),
            ...(form.dataset.org ? { 'organization-id': form.dataset.org } : {}),
          },
          body: JSON.stringify({ comment: text }),
        });
        const body = await res.json().catch(() => null);
        if (res.status === 201 && body && body.comment) {
          append(body.comment);
          textarea.value = '';
          showError('');
          const tag = res.headers.get('ETag');
          if (loaded && tag && tag !== `"${loaded.value}"`) showChanged();
          else if (status) status.textContent = 'Posted a comment';
          textarea.focus();
        } else if (body && body.errors && body.errors.comment) {
          showError(body.errors.comment.join(' '));
          textarea.focus();
        } else {
          showError((body && body.detail) || `The comment could not be posted (${res.status}).`);
        }
      } catch {
        showError('The comment could not be posted: the server did not answer.');
      } finally {
        button.disabled = false;
      }
    });
  }

  // ---- case detail: @mention suggestions in the comment box (a listbox driven from the keyboard) ----
  function mentions(textarea) {
    const source = document.getElementById('mention-users');
    if (!source) return;
    const users = Array.from(source.querySelectorAll('li[data-email]'), (li) => ({
      email: li.dataset.email, name: li.dataset.name || '',
    }));
    if (!users.length) return;
    const list = document.createElement('ul');
    list.id = 'mention-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Members to mention');
    list.hidden = true;
    textarea.after(list);
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    let matches = [];
    let active = 0;
    let start = -1;

    function close() {
      list.hidden = true;
      textarea.removeAttribute('aria-activedescendant');
      matches = [];
    }

    function render() {
      list.replaceChildren();
      matches.forEach((u, i) => {
        const li = document.createElement('li');
        li.id = `mention-option-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.textContent = u.name ? `${u.name} (${u.email})` : u.email;
        li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
        list.append(li);
      });
      list.hidden = false;
      textarea.setAttribute('aria-activedescendant', `mention-option-${active}`);
    }

    function choose(i) {
      const u = matches[i];
      if (!u) return;
      const end = textarea.selectionStart;
      const before = textarea.value.slice(0, start);
      const after = textarea.value.slice(end);
      textarea.value = `${before}@${u.email} ${after}`;
      const caret = before.length + u.email.length + 2;
      textarea.setSelectionRange(caret, caret);
      close();
    }

    function update() {
      const upto = textarea.value.slice(0, textarea.selectionStart);
      const m = /(^|\s)@([^\s@]*)$/.exec(upto);
      if (!m) return close();
      start = upto.length - m[2].length - 1;
      const q = m[2].toLowerCase();
      matches = users.filter((u) => u.email.toLowerCase().includes(q) || u.name.toLowerCase().includes(q)).slice(0, 8);
      active = 0;
      if (!matches.length) return close();
      render();
    }

    textarea.addEventListener('input', update);
    textarea.addEventListener('blur', close);
    textarea.addEventListener('keydown', (e) => {
      if (list.hidden || !matches.length) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
        render();
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(active);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
  }

  // ---- file inputs: the size limit checked before anything is sent ----
  function sizeLimits() {
    document.querySelectorAll('input[type="file"][data-max-bytes]').forEach((input) => {
      const max = Number(input.dataset.maxBytes);
      const form = input.form;
      if (!max || !form) return;
      const message = document.createElement('p');
      message.className = 'error';
      message.id = `${input.id}-size`;
      input.closest('.field').append(message);
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${message.id}`.trim());
      const mb = (n) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

      /** The message for the files chosen now, or '' when they fit. */
      function check() {
        const total = Array.from(input.files || []).reduce((n, f) => n + f.size, 0);
        const text = total > max
          ? `The files chosen come to ${mb(total)}, over the limit of ${mb(max)} together: choose smaller files.`
          : '';
        message.textContent = text;
        input.closest('.field').classList.toggle('invalid', !!text);
        if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
        return text;
      }

      input.addEventListener('change', check);
      form.addEventListener('submit', (ev) => {
        if (!check()) return;
        ev.preventDefault();
        input.focus();
      });
    });
  }

  // ---- attachments: Delete asks in place, then posts the delete with the CSRF token ----
  function attachmentDeletes() {
    document.querySelectorAll('a[data-delete-file]').forEach((link) => {
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        const box = document.createElement('span');
        box.className = 'inline-confirm';
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', `Delete ${link.dataset.deleteFile}?`);
        const form = document.createElement('form');
        form.method = 'post';
        form.action = link.getAttribute('href');
        form.className = 'inline';
        const token = document.createElement('input');
        token.type = 'hidden';
        token.name = 'csrf_token';
        token.value = csrfToken();
        const yes = document.createElement('button');
        yes.type = 'submit';
        yes.className = 'danger';
        yes.textContent = `Delete ${link.dataset.deleteFile}`;
        const no = document.createElement('button');
        no.type = 'button';
        no.textContent = 'Cancel';
        no.addEventListener('click', () => {
          box.remove();
          link.hidden = false;
          link.focus();
        });
        form.append(token, yes, ' ', no);
        box.append('Delete this file? ', form);
        link.hidden = true;
        link.after(box);
        yes.focus();
      });
    });
  }

  function init() {
    localTimes(document);
    foldFilters();
    liveFilter();
    bulkBar();
    saveView();
    sizeLimits();
    attachmentDeletes();
    const form = document.getElementById('comment-form');
    if (form && form.dataset.case) {
      commentThread(form);
      mentions(form.querySelector('textarea[name="comment"]'));
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
