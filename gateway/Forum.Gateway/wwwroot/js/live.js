// Open pages that change without a reload: the page's server-sent event stream (a post's or a
// board's, which carry the member's unread count too, or the member's own on other pages) updates
// counts, shows new comments and the bell. Without JavaScript the pages are the same, as of their load.
(() => {
  if (!('EventSource' in window)) return;
  const url = document.querySelector('[data-live]')?.dataset.live ?? document.body.dataset.liveMember;
  if (!url) return;

  const source = new EventSource(url);
  const json = (event) => { try { return JSON.parse(event.data); } catch { return null; } };
  const setText = (element, value) => { if (element && value !== undefined) element.textContent = String(value); };

  // The bell: the newest count wins; counts can arrive out of order from different replicas.
  let unreadAt = '';
  source.addEventListener('unread', (event) => {
    const change = json(event);
    const bell = document.querySelector('a.bell');
    if (!change || !bell || change.at < unreadAt) return;
    unreadAt = change.at;
    let count = bell.querySelector('.bell-count');
    if (change.unread > 0) {
      if (!count) {
        count = document.createElement('span');
        count.className = 'bell-count';
        count.setAttribute('aria-hidden', 'true');
        bell.append(count);
      }
      count.textContent = change.unread > 99 ? '99+' : String(change.unread);
      const label = (bell.dataset.labelSome || '').replace('{0}', String(change.unread));
      bell.setAttribute('aria-label', label);
      bell.title = label;
    } else {
      count?.remove();
      bell.setAttribute('aria-label', bell.dataset.labelNone || '');
      bell.title = bell.dataset.labelNone || '';
    }
  });

  // Counts, on a post page and on a board's rows.
  source.addEventListener('counts', (event) => {
    const change = json(event);
    if (!change) return;
    const article = document.querySelector('article.post');
    if (article && url.endsWith(change.postId)) {
      setText(article.querySelector('[data-views]'), change.views);
      article.querySelectorAll('[data-likes]').forEach((likes) => setText(likes, change.likes));
      setText(article.querySelector('[data-comments]'), change.comments);
      setText(document.querySelector('[data-comments-heading]'), change.comments);
    }
    const row = document.querySelector(`tr[data-post="${change.postId}"]`);
    if (row) {
      for (const name of ['views', 'likes', 'comments']) setText(row.querySelector(`[data-count="${name}"]`), change[name]);
    }
  });

  // A new post on the board: say so at the top; a reload shows it in its place. Board pages kept
  // for readers may trail the read model by up to a second, so the notice waits that long.
  source.addEventListener('post', () => setTimeout(() => {
    const heading = document.querySelector('h1[data-new-posts]');
    if (!heading || document.querySelector('.live-notice')) return;
    const notice = document.createElement('p');
    notice.className = 'live-notice';
    notice.setAttribute('role', 'status');
    const link = document.createElement('a');
    link.href = location.pathname + location.search;
    link.textContent = heading.dataset.newPosts;
    notice.append(link);
    heading.after(notice);
  }, 1100));

  // A comment added, edited or deleted: on the last page of comments, it is put in its place.
  source.addEventListener('comment', async (event) => {
    const change = json(event);
    const section = document.querySelector('section.comments');
    if (!change || !section) return;
    const existing = document.getElementById(`c-${change.commentId}`);
    if (!existing && (change.change !== 'added' || section.dataset.lastPage !== 'true')) return;
    const response = await fetch(`${location.pathname}?handler=Comment&commentId=${change.commentId}`, { headers: { Accept: 'text/html' } });
    if (!response.ok) {
      if (response.status === 404 && existing && change.change === 'deleted') existing.remove();
      return;
    }
    const fragment = new DOMParser().parseFromString(await response.text(), 'text/html').body.firstElementChild;
    if (!fragment) return;
    if (existing) {
      // Keep a reply being typed under it: only the comment's own text and header change.
      for (const part of ['.meta', '.body', '.deleted']) {
        const fresh = fragment.querySelector(part);
        const old = existing.querySelector(part);
        if (fresh && old) old.replaceWith(fresh);
      }
      return;
    }
    if (document.getElementById(`c-${change.commentId}`)) return;
    section.querySelector('p.empty')?.remove();
    const thread = section.querySelectorAll(`.comment[data-thread="${fragment.dataset.thread}"]`);
    const all = section.querySelectorAll('.comment');
    const after = change.parentId && thread.length > 0 ? thread[thread.length - 1] : all[all.length - 1];
    if (after) after.after(fragment);
    else section.querySelector('h2')?.after(fragment);
  });

  // What the page shows is older than what the stream still keeps: only a reload is right.
  source.addEventListener('reload', () => {
    source.close();
    const notice = document.createElement('p');
    notice.className = 'live-notice';
    notice.setAttribute('role', 'status');
    const link = document.createElement('a');
    link.href = location.pathname + location.search;
    link.textContent = document.querySelector('h1[data-new-posts]')?.dataset.newPosts ?? '↻';
    notice.append(link);
    document.querySelector('main')?.prepend(notice);
  });
})();
