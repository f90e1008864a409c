// Keeps an import's progress up to date without reloading the page (a timed reload is a WCAG
// 2.2.1 failure): every two seconds it reads the page again and copies the progress across;
// once the page is no longer the progress page (the import finished), it shows the result.
(function () {
  'use strict';
  var bar = document.getElementById('import-progress');
  if (!bar) { return; }
  function poll() {
    fetch(window.location.href, { credentials: 'same-origin' })
      .then(function (reply) { return reply.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var next = page.getElementById('import-progress');
        if (!next) { window.location.reload(); return; }
        bar.value = next.value;
        bar.textContent = next.textContent;
        var status = document.getElementById('import-status');
        var nextStatus = page.getElementById('import-status');
        if (status && nextStatus) { status.textContent = nextStatus.textContent; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
}());
