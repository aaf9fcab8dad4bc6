// Search suggestions: a list under each search box (an ARIA combobox) filled from
// /search?format=json; picking one (click, or arrows and Enter) opens its page. The page's
// ?lang= is sent along, so suggestions and the pages they open keep the language.
(function () {
  "use strict";
  var asked = new URLSearchParams(window.location.search).get("lang");

  function attach(input, n) {
    input.removeAttribute("list");
    var wrap = document.createElement("div");
    wrap.className = "suggest";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var box = document.createElement("ul");
    box.id = "suggest-" + n;
    box.setAttribute("role", "listbox");
    box.setAttribute("aria-label", input.getAttribute("aria-label") || "");
    box.hidden = true;
    wrap.appendChild(box);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", box.id);
    var active = -1, timer = null, sent = 0;

    function options() { return box.querySelectorAll("li[role=option]"); }
    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var all = options();
      all.forEach(function (li, k) { li.setAttribute("aria-selected", k === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({block: "nearest"});
      }
    }
    function show(results) {
      box.textContent = "";
      results.forEach(function (hit, k) {
        if (!hit.page) { return; }
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = box.id + "-" + k;
        var a = document.createElement("a");
        a.href = hit.page;
        a.tabIndex = -1;
        a.textContent = hit.label;
        if (hit.description) {
          var d = document.createElement("span");
          d.className = "d";
          d.textContent = hit.description;
          a.appendChild(d);
        }
        li.appendChild(a);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = hit.page;
        });
        box.appendChild(li);
      });
      if (box.children.length) {
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else {
        close();
      }
    }
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (timer) { clearTimeout(timer); }
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++sent;
        var query = "/search?format=json&limit=8&q=" + encodeURIComponent(text) +
          (asked ? "&lang=" + encodeURIComponent(asked) : "");
        fetch(query, {headers: {Accept: "application/json"}})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) { if (mine === sent) { show(data.results || []); } })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (box.hidden || !all.length) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % all.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + all.length) % all.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = all[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
