// The dashboard's two conveniences; the page works without them.
// 1. A "select all" box for the commitments' tick boxes.
// 2. While invite mail is queued, poll the batch's progress and show it.
(function () {
  "use strict";

  function setUpSelectAll() {
    var all = document.getElementById("select-all");
    if (!all) return;
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-select]"));
    if (boxes.length === 0) return;
    function sync() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      sync();
    });
    boxes.forEach(function (box) { box.addEventListener("change", sync); });
    all.hidden = false;
    sync();
  }

  function setUpProgress() {
    var section = document.getElementById("batch-progress");
    if (!section || Number(section.getAttribute("data-queued")) === 0) return;
    var url = section.getAttribute("data-url");
    var delay = 1000;
    var deadline = Date.now() + 10 * 60 * 1000;

    function show(progress) {
      ["queued", "sent", "failed"].forEach(function (name) {
        var cell = section.querySelector('[data-field="' + name + '"]');
        if (cell) cell.textContent = String(progress[name]);
      });
      if (progress.queued > 0) return false;
      var note = section.querySelector('[data-field="note"]');
      if (note) {
        // The words come from the page (its language), English if it has none.
        note.textContent = progress.failed > 0
          ? note.getAttribute("data-failed-text") ||
            "Some mail could not be delivered. See Undelivered mail."
          : note.getAttribute("data-done-text") || "All mail has been delivered.";
      }
      return true;
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (progress) {
          if (!show(progress)) schedule(1000);
        })
        .catch(function () { schedule(Math.min(delay * 2, 10000)); });
    }

    function schedule(next) {
      delay = next;
      if (Date.now() < deadline) window.setTimeout(poll, delay);
    }

    schedule(delay);
  }

  setUpSelectAll();
  setUpProgress();
})();
