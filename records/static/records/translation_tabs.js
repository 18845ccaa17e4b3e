// Each translated field's three languages as tabs: one row shown at a time, a tab marked
// when its language is missing while another has text. Without JavaScript every language
// stays on the page, one row each.
"use strict";
(function () {
  const LANGUAGES = ["az", "en", "ru"];
  const MISSING = document.documentElement.lang === "ru" ? "нет перевода"
    : document.documentElement.lang === "az" ? "tərcümə yoxdur" : "missing";

  function valueOf(row) {
    const input = row.querySelector("textarea, input[type=text], input:not([type])");
    return input ? input.value.replace(/<[^>]*>/g, "").trim() : "";
  }

  function build(base, rows) {
    const tablist = document.createElement("div");
    tablist.className = "translation-tabs";
    tablist.setAttribute("role", "tablist");
    const label = rows.en.querySelector("label");
    tablist.setAttribute("aria-label", label ? label.textContent.replace(/\s*\[\w+\]:?\s*$/, "") : base);
    const tabs = {};
    LANGUAGES.forEach((language) => {
      const row = rows[language];
      row.id = row.id || `row-${base}-${language}`;
      row.setAttribute("role", "tabpanel");
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "translation-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", row.id);
      tab.dataset.language = language;
      tab.innerHTML = `<span>${language.toUpperCase()}</span><span class="translation-missing" hidden> · ${MISSING}</span>`;
      tab.addEventListener("click", () => select(language));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) {
          const next = LANGUAGES[(LANGUAGES.indexOf(language) + step + 3) % 3];
          select(next);
          tabs[next].focus();
        }
      });
      tabs[language] = tab;
      tablist.appendChild(tab);
    });
    function select(language) {
      LANGUAGES.forEach((other) => {
        const chosen = other === language;
        tabs[other].setAttribute("aria-selected", String(chosen));
        tabs[other].tabIndex = chosen ? 0 : -1;
        rows[other].hidden = !chosen;
      });
    }
    function mark() {
      const filled = LANGUAGES.filter((language) => valueOf(rows[language]));
      LANGUAGES.forEach((language) => {
        const missing = filled.length > 0 && !filled.includes(language);
        tabs[language].classList.toggle("is-missing", missing);
        tabs[language].querySelector(".translation-missing").hidden = !missing;
      });
    }
    rows.az.parentNode.insertBefore(tablist, rows.az);
    LANGUAGES.forEach((language) => rows[language].addEventListener("input", mark));
    LANGUAGES.forEach((language) => rows[language].addEventListener("change", mark));
    mark();
    const withError = LANGUAGES.find((language) => rows[language].querySelector(".errorlist"));
    select(withError || "en");
  }

  document.addEventListener("DOMContentLoaded", () => {
    const groups = {};
    document.querySelectorAll("fieldset .form-row").forEach((row) => {
      for (const name of row.classList) {
        const match = /^field-(.+)_(az|en|ru)$/.exec(name);
        if (match) {
          (groups[match[1]] = groups[match[1]] || {})[match[2]] = row;
        }
      }
    });
    Object.entries(groups).forEach(([base, rows]) => {
      if (LANGUAGES.every((language) => rows[language])) {
        build(base, rows);
      }
    });
  });
})();
