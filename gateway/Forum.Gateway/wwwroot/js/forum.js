// A little JavaScript on top of forms that work without it: likes and comments are sent with
// fetch and the page updates in place. Every change carries the page's antiforgery token.
(() => {
  const token = document.querySelector('meta[name="csrf-token"]')?.content;
  const postId = location.pathname.match(/^\/posts\/([0-9a-f-]{36})/)?.[1];
  if (!token || !postId) return;

  const likeForm = document.querySelector('form.like');
  likeForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch(`/api/posts/${postId}/like`, { method: 'PUT', headers: { 'X-CSRF-TOKEN': token } });
    if (response.ok) {
      const likes = document.querySelector('[data-likes]');
      const button = likeForm.querySelector('button');
      if (button && !button.disabled) {
        button.disabled = true;
        if (likes) likes.textContent = String(Number(likes.textContent) + 1);
      }
    }
  });
})();
