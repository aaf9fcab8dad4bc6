// Autocomplete for the search boxes: fills each box's <datalist> from /search?format=json.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (timer) { clearTimeout(timer); }
      if (text.length < 2 || text === last) { return; }
      timer = setTimeout(function () {
        last = text;
        fetch("/search?format=json&limit=10&q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) {
            list.textContent = "";
            data.results.forEach(function (hit) {
              var option = document.createElement("option");
              option.value = hit.label;
              if (hit.kind) { option.label = hit.kind; }
              list.appendChild(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
