// Moves a job page's progress bar while the job runs, reading the job's status every
// second; when the job ends, the page is loaded again to show its result.
(function () {
  "use strict";
  var page = document.querySelector("[data-status-url]");
  if (!page) return;
  var url = page.getAttribute("data-status-url");
  function part(name) { return page.querySelector('[data-job="' + name + '"]'); }
  function show(status) {
    part("state").textContent = status.state_label;
    part("label").textContent = status.label;
    part("bar").value = status.percent;
    part("bar").textContent = status.percent + " %";
    part("percent").textContent = status.percent + " %";
    part("speed").textContent = status.speed;
    part("time_left").textContent = status.time_left;
    part("message").textContent = status.message;
    part("message").hidden = !status.message;
    part("cancel").hidden = !status.may_cancel;
    part("again").hidden = !status.may_run_again;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.next) {
          window.location.assign(status.next);
        } else if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
