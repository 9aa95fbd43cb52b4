// reftrace HTML report: shows a claim's card or a reference's entry in the side panel.
// Everything it shows is already in the page (cloned nodes, never HTML strings); without
// this script the same cards are reached through ordinary links.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var title = document.getElementById("panel-title");
  var body = document.getElementById("panel-body");
  var closer = document.getElementById("panel-close");
  if (!panel || !title || !body || !closer) { return; }
  var narrow = window.matchMedia("(max-width: 999.98px)");
  var opener = null;
  panel.hidden = false;

  function copyOf(node, cls) {
    var box = document.createElement("div");
    box.className = cls;
    Array.prototype.forEach.call(node.childNodes, function (child) {
      box.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(box.querySelectorAll("[id]"), function (el) {
      el.removeAttribute("id");
    });
    return box;
  }

  function select(n) {
    Array.prototype.forEach.call(document.querySelectorAll(".claim.selected"), function (el) {
      el.classList.remove("selected");
      el.removeAttribute("aria-current");
    });
    var el = n === null ? null : document.getElementById("c" + n);
    if (el) {
      el.classList.add("selected");
      el.setAttribute("aria-current", "true");
    }
    return el;
  }

  function open(heading, content, from) {
    opener = from || opener;
    title.textContent = heading;
    body.replaceChildren(content);
    panel.classList.add("open");
    panel.scrollTop = 0;
    document.body.classList.add("panel-open");
    title.focus({ preventScroll: true });
  }

  function showClaim(n, from, scroll) {
    var card = document.getElementById("claim-" + n);
    if (!card) { return false; }
    var box = copyOf(card, "card");
    box.setAttribute("data-shown", "claim");
    box.setAttribute("data-n", n);
    open("Claim " + n, box, from);
    var el = select(n);
    if (el && (scroll || narrow.matches)) { el.scrollIntoView({ block: narrow.matches ? "start" : "center" }); }
    return true;
  }

  function showRef(n, from) {
    var entry = document.getElementById("ref-" + n);
    if (!entry) { return false; }
    var box = copyOf(entry, "ref");
    box.setAttribute("data-shown", "ref");
    box.setAttribute("data-n", n);
    open("Source #" + n, box, from);
    return true;
  }

  function close() {
    panel.classList.remove("open");
    document.body.classList.remove("panel-open");
    select(null);
    if (opener && document.contains(opener)) { opener.focus(); }
    opener = null;
  }

  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) { return; }
    var el = e.target.closest("[data-claim], [data-ref], [data-goto]");
    if (!el) { return; }
    var from = panel.contains(el) ? opener : el;
    var shown = false;
    if (el.hasAttribute("data-claim")) {
      shown = showClaim(el.getAttribute("data-claim"), from, false);
    } else if (el.hasAttribute("data-ref")) {
      shown = showRef(el.getAttribute("data-ref"), from);
    } else {
      shown = showClaim(el.getAttribute("data-goto"), from, true);
    }
    if (shown) { e.preventDefault(); }
  });
  closer.addEventListener("click", close);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel.classList.contains("open")) { close(); }
  });
})();
