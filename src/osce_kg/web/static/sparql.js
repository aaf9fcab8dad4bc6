// The query editor (YASGUI): the endpoint, predeclared prefixes, the competency questions as
// examples, and result links to the entity pages of this server instead of w3id.org.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var root = document.getElementById("yasgui");
  var select = document.getElementById("sparql-examples");
  if (typeof Yasgui === "undefined" || !root) { return; }

  function withPrologue(text) { return config.prologue + "\n" + text; }

  function localLinks(container) {
    container.querySelectorAll("a[href^='" + config.idBase + "']").forEach(function (a) {
      a.setAttribute("href", "/page/" + a.getAttribute("href").slice(config.idBase.length));
      a.removeAttribute("target");
    });
  }

  root.textContent = "";
  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: config.endpoint, method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: function () { return [{endpoint: config.endpoint}]; }},
    persistenceId: null,
    populateFromUrl: false,
    yasqe: {value: config.query || withPrologue(config.examples[0].text),
            autocompleters: ["variables", "prefixes"]},
    yasr: {prefixes: {}}
  });
  new MutationObserver(function () { localLinks(root); })
    .observe(root, {childList: true, subtree: true});
  select.addEventListener("change", function () {
    var example = config.examples[Number(select.value)];
    var tab = yasgui.getTab();
    tab.setName(example.question.slice(0, 40));
    tab.getYasqe().setValue(withPrologue(example.text));
    tab.getYasqe().query();
  });
  root.setAttribute("data-ready", "true");
}());
