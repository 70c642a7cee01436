// A little JavaScript on top of forms that work without it: likes and comments are sent with
// fetch and the page updates in place. Every change carries the page's antiforgery token. If
// anything goes wrong on the way, the form is submitted the ordinary way.
(() => {
  // A title's limit is in characters as readers count them (a mathematical-bold letter is one, not
  // the two units maxlength would count): said next to the field as it is typed; the server decides.
  const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  const characters = (text) => (segmenter ? [...segmenter.segment(text)].length : [...text].length);
  document.querySelectorAll('input[data-max-characters]').forEach((input) => {
    const max = Number(input.dataset.maxCharacters);
    const message = document.getElementById(input.getAttribute('aria-describedby'));
    const check = () => {
      const count = characters(input.value.trim());
      if (count > max) {
        input.setAttribute('aria-invalid', 'true');
        if (message) { message.textContent = (input.dataset.tooLong || '').replace('{0}', String(count)); message.hidden = false; }
      } else if (input.dataset.checked) {
        input.removeAttribute('aria-invalid');
        if (message) message.hidden = true;
      }
      input.dataset.checked = 'true';
    };
    input.addEventListener('input', check);
  });

  // A chosen image is shown in the form at once; it is uploaded with Preview or Publish.
  document.querySelectorAll('.image-field input[type=file]').forEach((input) => {
    const shown = input.closest('.image-field').querySelector('img.chosen-image');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!shown) return;
      if (shown.src) URL.revokeObjectURL(shown.src);
      if (file) { shown.src = URL.createObjectURL(file); shown.hidden = false; } else { shown.removeAttribute('src'); shown.hidden = true; }
    });
  });

  const token = document.querySelector('meta[name="csrf-token"]')?.content;

  // Drafts: what a signed-in member types in the composer, the comment form or the edit page is
  // kept on the server, so it is there on another device. It is saved 2 s after typing stops, and
  // at least every 10 s while it goes on: a burst of keystrokes is one write, and a closed tab
  // loses seconds of text at most. Without this script "save draft" does the same by a form post.
  const drafts = new WeakSet();
  function keepDraft(form) {
    if (!token || drafts.has(form)) return;
    drafts.add(form);
    const status = form.querySelector('.draft-status');
    const discard = form.querySelector('button[data-draft="discard"]');
    const board = form.querySelector('select[name="Board"]');
    const title = form.querySelector('input[name="Title"]');
    const body = form.querySelector('textarea[name="Body"], textarea[name="body"]');
    const version = form.querySelector('input[name="Version"]');
    if (!body) return;
    const placeNow = () => (board ? `board-${board.value}` : form.dataset.draftPlace);
    const text = () => {
      const draft = { body: body.value };
      if (title) draft.title = title.value;
      if (version && Number(version.value) > 0) draft.version = Number(version.value);
      return JSON.stringify(draft);
    };
    let place = placeNow();
    let kept = discard ? !discard.hidden : false;
    let saved = text();
    let timer = null;
    let firstChange = 0;
    let saving = null;
    const say = (message) => { if (status) status.textContent = message || ''; };
    const url = (at) => `/api/drafts/${encodeURIComponent(at)}`;

    async function send(keepalive) {
      const now = text();
      const at = place;
      if (now === saved) return;
      say(status?.dataset.saving);
      try {
        const response = await fetch(url(at), {
          method: 'PUT', keepalive, headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token }, body: now,
        });
        if (response.ok) {
          saved = now;
          kept = response.status !== 204;
          if (discard) discard.hidden = !kept;
          say(kept ? status?.dataset.saved : status?.dataset.empty);
          return;
        }
        const problem = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
        const details = problem?.errors ? Object.values(problem.errors).flat().join(' ') : problem?.title;
        say([status?.dataset.failed, details].filter(Boolean).join(' '));
      } catch {
        say(status?.dataset.failed);
      }
    }

    function save(keepalive = false) {
      clearTimeout(timer);
      timer = null;
      firstChange = 0;
      // One save at a time, in order: a later text never lands before an earlier one.
      const tracked = (saving || Promise.resolve()).then(() => send(keepalive)).finally(() => { if (saving === tracked) saving = null; });
      saving = tracked;
      return tracked;
    }

    form.addEventListener('input', () => {
      const now = Date.now();
      if (!firstChange) firstChange = now;
      clearTimeout(timer);
      timer = setTimeout(() => save(), Math.max(0, Math.min(2000, firstChange + 10000 - now)));
    });
    // The draft of a new post belongs to its board: choosing another board moves it there.
    board?.addEventListener('change', async () => {
      const old = place;
      await saving;
      place = placeNow();
      if (old === place) return;
      if (kept) {
        await fetch(url(old), { method: 'DELETE', headers: { 'X-CSRF-TOKEN': token } }).catch(() => {});
      }
      kept = false;
      saved = null;
      save();
    });
    // Leaving the page with text not yet saved: send it on its way out.
    window.addEventListener('pagehide', () => { if (timer) save(true); });
    // Publishing, saving or discarding by the form: a save still on its way could land after it
    // and bring the draft back, so the form waits for it.
    form.addEventListener('submit', (event) => {
      clearTimeout(timer);
      timer = null;
      if (!saving) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter;
      saving.then(() => form.requestSubmit(submitter));
    });
    form.forgetDraft = async () => {
      clearTimeout(timer);
      timer = null;
      await saving;
      await fetch(url(place), { method: 'DELETE', headers: { 'X-CSRF-TOKEN': token } }).catch(() => {});
    };
  }
  document.querySelectorAll('form[data-draft-place]').forEach(keepDraft);

  const postId = location.pathname.match(/^\/posts\/([0-9a-f-]{36})/)?.[1];
  if (!token || !postId) return;

  // The like button toggles: pressed, a second press takes the like back.
  const likeForm = document.querySelector('form.like');
  likeForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = likeForm.querySelector('button');
    if (!button || button.disabled) return;
    const liking = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      const response = await fetch(`/api/posts/${postId}/like`, { method: liking ? 'PUT' : 'DELETE', headers: { 'X-CSRF-TOKEN': token } });
      if (!response.ok) {
        likeForm.submit();
        return;
      }
      // A like already given (or already taken back) changes nothing and answers without a version.
      if (response.headers.get('ETag')) {
        document.querySelectorAll('article.post [data-likes]').forEach((likes) => {
          likes.textContent = String(Math.max(0, Number(likes.textContent) + (liking ? 1 : -1)));
        });
      }
      button.setAttribute('aria-pressed', String(liking));
      button.value = String(!liking);
      button.title = liking ? button.dataset.hintLiked || '' : '';
    } catch {
      likeForm.submit();
    } finally {
      button.disabled = false;
    }
  });

  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // The read model trails the write by milliseconds: ask for the last page of comments until
  // the new one is on it, then put that page in place of this one.
  async function lastPageWith(commentId) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const response = await fetch(`/posts/${postId}?page=last`, { headers: { Accept: 'text/html' } });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        if (page.getElementById(`c-${commentId}`)) return page;
      }
      await delay(100);
    }
    return null;
  }

  function showError(section, message) {
    let alert = section.querySelector('p.error[role="alert"]');
    if (!alert) {
      alert = document.createElement('p');
      alert.className = 'error';
      alert.setAttribute('role', 'alert');
      section.append(alert);
    }
    alert.textContent = message;
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    const section = form.closest('section.comments');
    if (!section || !(form instanceof HTMLFormElement) || !form.querySelector('textarea[name="body"]')) return;
    // "Save draft" and "discard draft" are ordinary form posts.
    if (event.submitter?.dataset.draft) return;
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    const body = form.querySelector('textarea[name="body"]').value;
    const parentId = form.querySelector('input[name="parentId"]')?.value || null;
    let response;
    try {
      response = await fetch(`/api/posts/${postId}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify({ body, parentId }),
      });
    } catch {
      // Not sent: the ordinary form post will try.
      form.submit();
      return;
    }
    try {
      if (!response.ok) {
        const problem = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
        const details = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
        showError(section, [problem?.title, problem?.detail, details].filter(Boolean).join(' ') || response.statusText);
        return;
      }
      const { id } = await response.json();
      // Published: the comment form's draft is not to come back, here or on another device.
      if (form.forgetDraft) await form.forgetDraft();
      const page = await lastPageWith(id);
      if (!page) {
        location.assign(`/posts/${postId}?page=last#c-${id}`);
        return;
      }
      const fresh = page.querySelector('section.comments');
      section.replaceWith(fresh);
      fresh.querySelectorAll('form[data-draft-place]').forEach(keepDraft);
      // The count of the comments just fetched: the post's own count may trail them a moment.
      const shown = document.querySelector('[data-comments]');
      if (shown && fresh.dataset.total) shown.textContent = fresh.dataset.total;
      history.replaceState(null, '', `/posts/${postId}?page=last#c-${id}`);
      const added = document.getElementById(`c-${id}`);
      added?.setAttribute('tabindex', '-1');
      added?.focus();
    } catch {
      // Sent, but the page could not be updated in place: load it.
      location.assign(`/posts/${postId}?page=last`);
    } finally {
      if (button) button.disabled = false;
    }
  });
})();
