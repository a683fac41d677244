  // -- the details panel ----------------------------------------------------------------------------
  function nodeButton(id) {
    var b = make("button", "node-link", nameOf(id));
    b.type = "button";
    b.setAttribute("data-node", id);
    return b;
  }
  function listOf(ids, className) {
    var ul = asModel(make("ul", className));
    ids.forEach(function (id) {
      var li = make("li");
      if (ITEMS[id]) li.appendChild(nodeButton(id));
      else li.textContent = id;
      ul.appendChild(li);
    });
    return ul;
  }
  function textList(values) {
    var ul = asModel(make("ul"));
    values.forEach(function (v) { ul.appendChild(make("li", null, v)); });
    return ul;
  }
  function link(url, text) {
    if (typeof url === "string" && HTTP.test(url)) {
      var a = make("a", null, text);
      a.href = url;
      a.rel = "noopener noreferrer";
      return a;
    }
    return document.createTextNode(text);
  }
  function section(body, title, content) {
    if (!content) return;
    var s = make("section");
    s.appendChild(asWords(make("h3", null, title)));
    s.appendChild(content);
    body.appendChild(s);
  }
  function para(text) { return text ? asModel(make("p", null, text)) : null; }
  function wordsPara(text) { return asWords(make("p", null, text)); }
  function sourcesList(ids) {
    var cited = ids.filter(function (s) { return DATA.sources[s]; });
    if (!cited.length) return null;
    var ul = asModel(make("ul", "sources"));
    cited.forEach(function (id) {
      var s = DATA.sources[id];
      var li = make("li");
      li.appendChild(link(s.url, s.title));
      var extra = [s.publisher, s.year].filter(function (v) { return v !== undefined && v !== null; });
      if (extra.length) li.appendChild(document.createTextNode(" (" + extra.join(", ") + ")"));
      ul.appendChild(li);
    });
    return ul;
  }
  // a barrier type or partner sector as shown: its label ({text, lang}, render.py's _type_text),
  // marked with its language where that is not the page's, and with the page's among model text
  function termSpan(label) {
    var span = make("span", null, label.text);
    if (label.lang) span.lang = label.lang;
    else asWords(span);
    return span;
  }
  function labelledTerm(word, label) {
    var p = make("p");
    p.appendChild(asWords(make("span", null, word + ": ")));
    p.appendChild(termSpan(label));
    return p;
  }
  // the filter's types: term -> label as shown
  var TYPE_LABELS = dict();
  DATA.types.forEach(function (t) { TYPE_LABELS[t.name] = t.label; });
  function idsOf(kind, ids) { return ids.map(function (i) { return nid(kind, i); }).filter(function (i) { return ITEMS[i]; }); }

  function showPanel(id) {
    var item = ITEMS[id];
    var body = $("panel-body");
    body.textContent = "";
    $("panel-title").textContent = item.name;
    asModel($("panel-title"));
    $("panel").classList.add("has-selection");
    $("panel-close").hidden = false;
    var kind = W["kind_" + item.kind];
    if (item.mark) kind += " · " + W["mark_" + item.mark];
    body.appendChild(asWords(make("p", "kind", kind)));
    if (item.changed_fields && item.changed_fields.length) {
      body.appendChild(asWords(make("p", "mark", W.changed_fields + ": " + item.changed_fields.join(", "))));
    }
    body.appendChild(idLine(item.id));
    var actions = asWords(make("div", "actions"));
    var focusButton = make("button", null, state.focus === id ? W.focus_clear : W.focus_neighbours);
    focusButton.type = "button";
    focusButton.id = "focus-toggle";
    focusButton.setAttribute("aria-pressed", state.focus === id ? "true" : "false");
    focusButton.addEventListener("click", function () { toggleFocus(id); });
    actions.appendChild(focusButton);
    if (item.kind === "partner" && item.interventions.length) {
      var drop = make("button", null, W.whatif);
      drop.type = "button";
      drop.id = "panel-whatif";
      drop.addEventListener("click", function () {
        setWhatif(state.whatif.indexOf(item.id) >= 0 ? state.whatif : state.whatif.concat([item.id]));
        $("whatif-result").focus();
      });
      actions.appendChild(drop);
    }
    body.appendChild(actions);

    if (item.kind === "phase") {
      body.appendChild(phaseCard(item.id));  // with the phase's notes and sources
      if (EXT.panel) EXT.panel(item, body);
      return;
    }
    if (item.kind === "intervention") {
      if (item.type_label) body.appendChild(labelledTerm(W.type, item.type_label));
      section(body, W.description, para(item.description));
      section(body, W.phases, listOf(idsOf("phase", item.phases)));
      section(body, W.partners, listOf(idsOf("partner", item.partners)));
      if (item.legal_basis.length) section(body, W.legal_basis, textList(item.legal_basis));
      if (item.status) section(body, W.status, wordsPara(item.status));
      if (item.technique) section(body, W.technique, wordsPara(item.technique));
      if (item.target_group.length) section(body, W.target_group, textList(item.target_group));
      if (item.url) {
        var p = make("p");
        p.appendChild(link(item.url, item.url));
        section(body, W.website, p);
      }
    } else {
      if (item.sector_label) body.appendChild(labelledTerm(W.sector, item.sector_label));
      if (item.idle) body.appendChild(asWords(make("p", "state", "⚠ " + W.idle_partner)));
      section(body, W.description, para(item.description));
      if (item.url) {
        var q = make("p");
        q.appendChild(link(item.url, item.url));
        section(body, W.website, q);
      }
      if (item.interventions.length) {
        var what = make("div");
        DATA.order.forEach(function (pid) {
          var here = item.interventions.filter(function (i) {
            var it = ITEMS[nid("intervention", i)];
            return it && it.phases.indexOf(pid) >= 0;
          });
          if (!here.length) return;
          what.appendChild(asModel(make("h4", null, nameOf(nid("phase", pid)))));
          what.appendChild(listOf(idsOf("intervention", here)));
        });
        section(body, W.what_it_does, what);
      }
    }
    if (item.notes) section(body, W.notes, asModel(make("p", "notes-text", item.notes)));
    if (EXT.panel) EXT.panel(item, body);
    section(body, W.sources, sourcesList(item.sources));
  }

  // A phase's details are its card as the page rendered it (render.py's _card: the text
  // version's, or a removed phase's in the ghost-cards template), cloned, never built here.
  // The clone's ids take a prefix so that they stay unique, and its aria-labelledby with them.
  var PANEL_ID = "panel-";
  function phaseCard(pid) {
    var ghosts = $("ghost-cards");
    var card = $("card-" + pid) || (ghosts && ghosts.content.getElementById("card-" + pid));
    // a phase the page drew no card for (none should be) still gets a line, never an error
    if (!card) return asModel(make("p", "panel-card", nameOf(nid("phase", pid))));
    var copy = card.cloneNode(true);
    copy.classList.add("panel-card");
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id], [aria-labelledby]"))).forEach(function (e) {
      if (e.id) e.id = PANEL_ID + e.id;
      var by = e.getAttribute("aria-labelledby");
      if (by) e.setAttribute("aria-labelledby", by.split(/\s+/).map(function (id) { return PANEL_ID + id; }).join(" "));
    });
    return copy;
  }

  // the id a model author needs for extends and remove, with a button that copies it
  function idLine(id) {
    var p = make("p", "item-id");
    p.appendChild(asWords(make("span", null, W.item_id + ": ")));
    p.appendChild(make("code", null, id));
    var b = asWords(make("button", "copy", W.copy_id));
    b.type = "button";
    b.setAttribute("data-copy", id);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(b);
    return p;
  }
  function copyText(text, button) {
    function done() { button.textContent = W.copied; }
    function fallback() {
      var area = make("textarea", null, text);
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (err) { /* the id stays shown */ }
      area.remove();
      button.focus();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("click", function (e) {
    var b = e.target instanceof Element ? e.target.closest("button[data-copy]") : null;
    if (b) copyText(b.getAttribute("data-copy"), b);
  });

  // what the filters chose, in the panel: the chosen barriers under the chosen phases (every
  // phase when none is chosen), each a link; the count is of barriers, each once, as the
  // status line counts them
  function chosenPhases() { return state.phase ? [state.phase] : DATA.order; }
  function showChoice(shown) {
    state.selected = null;
    network.unselectAll();
    var body = $("panel-body");
    body.textContent = "";
    // the title: the page's words, the names in the model's language, the type as shown
    var what = [];
    if (state.partner) what.push(modelSpan(nameOf(nid("partner", state.partner))));
    if (state.phase) what.push(modelSpan(nameOf(nid("phase", state.phase))));
    if (state.type === "-") what.push(asWords(make("span", null, W.no_type)));
    else if (state.type) {
      var chosenType = make("span");
      chosenType.appendChild(document.createTextNode("‹"));
      chosenType.appendChild(termSpan(TYPE_LABELS[state.type] || { text: state.type, lang: TEXT_LANG }));
      chosenType.appendChild(document.createTextNode("›"));
      what.push(chosenType);
    }
    var title = $("panel-title");
    title.textContent = W.selected + ": ";
    title.removeAttribute("lang");
    what.forEach(function (part, k) {
      if (k) title.appendChild(document.createTextNode(" · "));
      title.appendChild(part);
    });
    $("panel").classList.add("has-selection");
    $("panel-close").hidden = false;
    var counted = dict();
    chosenPhases().forEach(function (pid) {
      var here = ITEMS[nid("phase", pid)].interventions.map(function (i) { return nid("intervention", i); })
        .filter(function (i) { return shown[i]; });
      if (!here.length) return;
      here.forEach(function (i) { counted[i] = true; });
      var s = make("section");
      s.appendChild(asModel(make("h3", null, nameOf(nid("phase", pid)) + " (" + here.length + ")")));
      s.appendChild(listOf(here));
      body.appendChild(s);
    });
    var partners = NODE_IDS.filter(function (id) { return ITEMS[id].kind === "partner" && shown[id]; });
    if (partners.length) section(body, W.partners, listOf(partners));
    var count = Object.keys(counted).length;
    body.insertBefore(asWords(make("p", "counts", fmt(W.filter_status, { shown: count, total: countInterventions() }))), body.firstChild);
  }
  function countInterventions() {
    return NODE_IDS.filter(function (id) { return ITEMS[id].kind === "intervention" && ITEMS[id].mark !== "removed"; }).length;
  }
  // the card of barrier ``id`` under phase ``pid``: its own node under its home phase, a copy
  // (``id@pid``) under any other
  function cardUnder(id, pid) { return ITEMS[id].home === pid ? id : id + "@" + pid; }
  // pan and zoom to a selection: ``groups`` are its cards by phase (in the process's order),
  // each with its phase; the partner's own node may stay out of view: it is in the panel.
  // All of it, its cards named, when it fits so; else (unless ``cardsOnly``: a chip was
  // clicked to see its cards) the phases that hold it with their group chips, which say how
  // many of theirs are chosen or lost, when their names stay readable so; else the first
  // phase's cards, named, from the phase's name down (the panel lists all of it).
  function showCards(groups, cardsOnly) {
    if (!groups.length) return;
    var all = [];
    var phases = [];
    groups.forEach(function (g) { all = all.concat(g.cards, [g.phase]); phases.push(g.phase); });
    var named = Math.max(PHASE_READABLE, CARD_READABLE);
    var whole = boxOf(all);
    if (fitScale(whole) >= named) return showBox(whole, named);
    if (!cardsOnly && GROUPS.length) {
      var chips = phases.slice();
      GROUPS.forEach(function (g) { if (phases.indexOf(nid("phase", g.phase)) >= 0) chips.push(g.id); });
      var overview = boxOf(chips);
      if (fitScale(overview) >= PHASE_READABLE) return showView(chipsView(overview));
    }
    showView(viewOf(boxOf([groups[0].phase].concat(groups[0].cards)), named, named));
  }
  // (no barrier chosen: the phases stay in view and the map says so, see emptyNote)
  function showChosen(shown, cardsOnly) {
    var groups = [];
    chosenPhases().forEach(function (pid) {
      var here = ITEMS[nid("phase", pid)].interventions.map(function (i) { return nid("intervention", i); })
        .filter(function (i) { return shown[i]; });
      if (here.length) groups.push({ phase: nid("phase", pid), cards: here.map(function (i) { return cardUnder(i, pid); }) });
    });
    if (!groups.length) {
      var phases = DATA.order.map(function (p) { return nid("phase", p); });
      showView(viewOf(boxOf(phases), PHASE_READABLE, GROUPS.length ? CHIP_SCALE * 0.99 : MAX_SCALE));
      return placeEmpty();
    }
    showCards(groups, cardsOnly);
  }

  function clearPanel() {
    state.selected = null;
    $("panel-title").textContent = W.details;
    $("panel-title").removeAttribute("lang");
    $("panel").classList.remove("has-selection");
    $("panel-close").hidden = true;
    var body = $("panel-body");
    body.textContent = "";
    body.appendChild(make("p", "hint", W.details_hint));
    network.unselectAll();
    restyle();
  }

  // select(id): what a click on the node does
  function select(id) {
    if (typeof id !== "string" || !(id in ITEMS)) return false;
    state.selected = id;
    restyle();
    network.selectNodes(cardsOf(id));
    showPanel(id);
    return true;
  }

  function show(id) {
    // from a keyboard or a list: select, bring into view, and move focus to the details
    if (!select(id)) return;
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    $("panel-title").focus();
  }

  function toggleFocus(id) {
    state.focus = state.focus === id ? null : id;
    restyle();
    if (state.focus) {
      var around = [];
      Object.keys(focusSet()).forEach(function (id) { around = around.concat(cardsOf(id)); });
      network.fit({ nodes: around, animation: false });
    }
    if (state.selected) showPanel(state.selected);
    var b = $("focus-toggle");
    if (b) b.focus();
  }

  // -- search -------------------------------------------------------------------------------------
  var searchInput = $("search");
  var results = $("search-results");
  function runSearch() {
    var q = searchInput.value.trim().toLowerCase();
    results.textContent = "";
    if (!q) {
      results.hidden = true;
      $("search-status").textContent = "";
      return;
    }
    var found = NODE_IDS.filter(function (id) {
      var item = ITEMS[id];
      return item.name.toLowerCase().indexOf(q) >= 0 || item.id.indexOf(q) >= 0;
    });
    found.sort(function (a, b) {
      var ka = KIND_ORDER[ITEMS[a].kind];
      var kb = KIND_ORDER[ITEMS[b].kind];
      if (ka !== kb) return ka - kb;
      return ITEMS[a].name.localeCompare(ITEMS[b].name) || (a < b ? -1 : 1);
    });
    found.slice(0, 40).forEach(function (id) {
      var li = make("li");
      var b = make("button", "node-link");
      b.type = "button";
      b.setAttribute("data-node", id);
      b.appendChild(make("span", "kind", W["kind_" + ITEMS[id].kind] + ": "));
      b.appendChild(modelSpan(ITEMS[id].name));
      li.appendChild(b);
      results.appendChild(li);
    });
    if (!found.length) results.appendChild(make("li", "none", W.no_results));
    results.hidden = false;
    $("search-status").textContent = found.length ? found.length + " " + W.results_count : W.no_results;
  }
  searchInput.addEventListener("input", runSearch);
  searchInput.addEventListener("keydown", function (e) {
    var first = results.querySelector("button");
    if (e.key === "Enter" && first) {
      e.preventDefault();
      closeSearch();
      show(first.getAttribute("data-node"));
    } else if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === "Escape") {
      searchInput.value = "";
      runSearch();
    }
  });
  results.addEventListener("keydown", function (e) {
    var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at >= 0 && at < buttons.length - 1) {
      e.preventDefault();
      buttons[at + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (at > 0) buttons[at - 1].focus();
      else searchInput.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeSearch();
      searchInput.focus();
    }
  });
  function closeSearch() { results.hidden = true; }
  var searchField = searchInput.parentNode;
  searchField.addEventListener("focusout", function (e) {
    if (!(e.relatedTarget instanceof Node && searchField.contains(e.relatedTarget))) closeSearch();
  });
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim()) runSearch(); });
  document.addEventListener("pointerdown", function (e) {
    if (!(e.target instanceof Node && searchField.contains(e.target))) closeSearch();
  });

  // every .node-link, wherever it is (panel, search, text version, presentation card)
  document.addEventListener("click", function (e) {
    var target = e.target instanceof Element ? e.target.closest(".node-link") : null;
    if (!target) return;
    e.preventDefault();
    closeSearch();
    show(target.getAttribute("data-node"));
  });

