/* The organisation picker (issue 16 item 3; markup in directory/templates/directory/widgets/
   organisation_picker.html): a search box that is a WAI-ARIA combobox with a listbox popup
   (aria-activedescendant), and the chosen organisations as chips with a remove button each.
   Suggestions come from directory.picker_views as JSON. No inline script or style attribute:
   the Content-Security-Policy forbids them (setting element.style from here is allowed). */
(function () {
  "use strict";

  var DELAY_MS = 200;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // Two characters, or one wide character (Chinese, Japanese, Korean), as directory/picker.py says.
  function longEnough(query) {
    if (query.length >= 2) { return true; }
    return /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(query);
  }

  function Picker(root) {
    this.root = root;
    this.input = root.querySelector("[data-picker-input]");
    this.listbox = root.querySelector("[data-picker-listbox]");
    this.chips = root.querySelector("[data-picker-chips]");
    this.status = root.querySelector("[data-picker-status]");
    this.name = root.dataset.pickerName;
    this.multiple = root.hasAttribute("data-picker-multiple");
    this.url = root.dataset.pickerUrl;
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.listbox.style.maxBlockSize = "18rem";
    var picker = this;
    this.chips.querySelectorAll("[data-picker-chip]").forEach(function (chip) { picker.enhanceChip(chip); });
    this.input.addEventListener("input", function () { picker.scheduleSearch(); });
    this.input.addEventListener("keydown", function (event) { picker.onKeyDown(event); });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { picker.choose(Number(option.dataset.index)); }
    });
    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) { picker.close(); }
    });
  }

  Picker.prototype.say = function (text) {
    this.status.textContent = text;
  };

  // A chip from the server holds a ticked box (so that it works without scripts); here the box hides
  // and the remove button shows.
  Picker.prototype.enhanceChip = function (chip) {
    var picker = this;
    var box = chip.querySelector("[data-picker-value]");
    var button = chip.querySelector("[data-picker-remove]");
    if (box) { box.hidden = true; }
    button.hidden = false;
    button.addEventListener("click", function () { picker.remove(chip); });
  };

  Picker.prototype.chosenIds = function () {
    var ids = {};
    this.chips.querySelectorAll("[data-picker-value]").forEach(function (input) { ids[input.value] = true; });
    return ids;
  };

  Picker.prototype.scheduleSearch = function () {
    var picker = this;
    window.clearTimeout(this.timer);
    var query = this.input.value.trim();
    if (!longEnough(query)) {
      this.close();
      this.say(query ? this.root.dataset.textShort : "");
      return;
    }
    this.timer = window.setTimeout(function () { picker.search(query); }, DELAY_MS);
  };

  Picker.prototype.search = function (query) {
    var picker = this;
    if (this.request) { this.request.abort(); }
    this.request = new AbortController();
    var separator = this.url.indexOf("?") === -1 ? "?" : "&";
    fetch(this.url + separator + "q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: this.request.signal
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (picker.input.value.trim() !== query) { return; }
      var chosen = picker.chosenIds();
      picker.show(data.results.filter(function (result) { return !chosen[String(result.id)]; }));
    }).catch(function (error) {
      if (error.name !== "AbortError") { picker.close(); picker.say(picker.root.dataset.textError); }
    });
  };

  Picker.prototype.show = function (results) {
    var picker = this;
    this.options = results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.replaceChildren();
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.id = picker.listbox.id + "_" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "list-group-item list-group-item-action";
      option.dataset.index = String(index);
      option.dataset.id = String(result.id);
      var name = document.createElement("span");
      name.dir = "auto";
      name.textContent = result.name;
      option.appendChild(name);
      var details = [result.matched_name, result.city, result.country].filter(Boolean);
      if (details.length) {
        var detail = document.createElement("small");
        detail.className = "d-block text-body-secondary";
        detail.dir = "auto";
        detail.textContent = details.join(" · ");
        option.appendChild(detail);
      }
      picker.listbox.appendChild(option);
    });
    if (results.length) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.say(fill(this.root.dataset.textCount, { count: results.length }));
    } else {
      this.close();
      this.say(this.root.dataset.textNone);
    }
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.isOpen = function () {
    return !this.listbox.hidden && this.options.length > 0;
  };

  Picker.prototype.highlight = function (index) {
    var items = this.listbox.querySelectorAll("[role=option]");
    if (!items.length) { return; }
    this.active = (index + items.length) % items.length;
    var picker = this;
    items.forEach(function (item, position) {
      var on = position === picker.active;
      item.classList.toggle("active", on);
      item.setAttribute("aria-selected", on ? "true" : "false");
    });
    var current = items[this.active];
    this.input.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  };

  Picker.prototype.onKeyDown = function (event) {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        if (!this.isOpen()) {
          if (this.options.length) {
            this.listbox.hidden = false;
            this.input.setAttribute("aria-expanded", "true");
          } else {
            this.scheduleSearch();
            return;
          }
        }
        this.highlight(this.active === -1 && event.key === "ArrowUp" ? -1 : this.active + (event.key === "ArrowDown" ? 1 : -1));
        break;
      case "Enter":
        // Enter picks the highlighted organisation rather than submitting the form.
        if (this.isOpen()) {
          event.preventDefault();
          if (this.active !== -1) { this.choose(this.active); }
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.say("");
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Picker.prototype.choose = function (index) {
    var result = this.options[index];
    if (!result) { return; }
    if (!this.multiple) { this.chips.replaceChildren(); }
    var chip = document.createElement("li");
    chip.className = "list-inline-item badge text-bg-light border fw-normal fs-6 mb-1";
    chip.dataset.pickerChip = "";
    var value = document.createElement("input");
    value.type = "hidden";
    value.name = this.name;
    value.value = String(result.id);
    value.dataset.pickerValue = "";
    var label = document.createElement("span");
    label.dir = "auto";
    label.textContent = result.name;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn-close btn-sm ms-1 align-middle";
    button.dataset.pickerRemove = "";
    button.setAttribute("aria-label", fill(this.root.dataset.textRemove, { name: result.name }));
    chip.append(value, " ", label, " ", button);
    this.chips.appendChild(chip);
    this.enhanceChip(chip);
    this.input.value = "";
    this.options = [];
    this.close();
    this.say(fill(this.root.dataset.textAdded, { name: result.name }));
    this.input.focus();
  };

  Picker.prototype.remove = function (chip) {
    var label = chip.querySelector("label, span");
    var name = label ? label.textContent : "";
    chip.remove();
    this.say(fill(this.root.dataset.textRemoved, { name: name }));
    this.input.focus();
  };

  function enhance(root) {
    root.querySelectorAll("[data-org-picker]").forEach(function (element) {
      if (element.dataset.pickerBound) { return; }
      element.dataset.pickerBound = "1";
      new Picker(element);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) {
    if (event.target instanceof Element) { enhance(event.target); }
  });
})();
