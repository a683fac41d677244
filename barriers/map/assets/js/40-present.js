  // -- presentation mode ----------------------------------------------------------------------------
  var fullscreenByUs = false;
  // the slides: the overview and a summary per phase (rendered with the page); each phase's
  // card, cloned in beside its summary, holds everything and shows one key (K) away
  var slides = $("slides");
  var SLIDES = Array.prototype.slice.call(slides.querySelectorAll("[data-slide]"));
  SLIDES.forEach(function (slide) {
    var pid = slide.getAttribute("data-phase");
    if (!pid) return;
    var card = $("card-" + pid).cloneNode(true);
    card.removeAttribute("id");
    card.removeAttribute("aria-labelledby");
    Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    card.classList.add("slide-card");
    slide.appendChild(card);
  });
  var SMALL = window.matchMedia("(max-width: 600px)");

  // A slide is fitted at the largest type that lets its summary fit the screen, but never
  // below `floor` (24 px on a full-HD screen, in proportion elsewhere): a fuller phase keeps
  // that type and shows less (see STEPS), each cut list saying on its "more" line how many
  // items the full card adds. Only a phase that fits no other way gets smaller type. On a
  // phone the slide scrolls instead.
  function fits(slide) {
    return slide.scrollHeight <= slide.clientHeight && slide.scrollWidth <= slide.clientWidth;
  }
  function setSize(slide, size) { slide.style.fontSize = size + "px"; }
  function fitSlide(slide) {
    var h = window.innerHeight, w = window.innerWidth;
    var top = Math.max(14, Math.min(44, Math.floor(h / 28)));
    var floor = Math.max(14, Math.min(top, Math.floor(Math.min(h / 43, w / 76))));
    var size = top;
    showAll(slide);
    // the whole card scrolls (by keyboard too), and so does a slide on a phone
    if (slide.classList.contains("full") || SMALL.matches) size = SMALL.matches ? 16 : floor;
    setSize(slide, size);
    if (slide.classList.contains("full") || SMALL.matches) return size;
    while (size > floor && !fits(slide)) setSize(slide, --size);
    if (!fits(slide)) shorten(slide);
    while (size > 12 && !fits(slide)) setSize(slide, --size);
    return size;
  }
  function lists(slide) {
    return Array.prototype.slice.call(slide.querySelectorAll(".summary [data-list]"));
  }
  function shownItems(list) {
    return Array.prototype.filter.call(list.children, function (li) { return !li.hidden; });
  }
  function showAll(slide) {
    lists(slide).forEach(function (list) {
      Array.prototype.forEach.call(list.children, function (li) { li.hidden = false; });
      sayMore(list);
    });
    byCount(slide, false);
  }
  function byCount(slide, on) {
    var box = slide.querySelector(".slide-partners");
    if (!box || !box.querySelector(".names")) return;
    box.querySelector(".names").hidden = on;
    box.querySelector(".by-count").hidden = !on;
    var more = box.querySelector(".more");
    more.hidden = !on;
    more.firstChild.textContent = W.present_names;
  }
  // the list's "more" line: how many of its items the slide leaves to the full card
  function sayMore(list) {
    var left = list.children.length - shownItems(list).length;
    var more = list.nextElementSibling;
    more.hidden = left === 0;
    more.firstChild.textContent = left ? fmt(W.present_more, { n: left }) : "";
  }
  // hide the last shown item of the list (of text, or the barriers' chips) that takes the
  // most room, keeping `least` items in each; false when none has more
  function trim(slide, chips, least) {
    var best = null, gain = -1;
    lists(slide).forEach(function (list) {
      var shown = shownItems(list);
      if (list.classList.contains("chips") !== chips || shown.length <= least) return;
      var g = shown.reduce(function (sum, li) { return sum + li.offsetHeight; }, 0);
      if (g > gain) { gain = g; best = shown[shown.length - 1]; }
    });
    if (!best) return false;
    best.hidden = true;
    sayMore(best.parentElement);
    return true;
  }
  // what a full slide gives up, in turn, until it fits: the longest lists' tails (to three
  // items each), the partners' names (their sectors stay, with their numbers), lists to two
  // items, barriers to twelve chips, lists to one item, barriers to one chip
  var STEPS = [[false, 3], null, [false, 2], [true, 12], [false, 1], [true, 1]];
  function shorten(slide) {
    STEPS.forEach(function (step) {
      if (fits(slide)) return;
      if (step === null) byCount(slide, true);
      else while (!fits(slide) && trim(slide, step[0], step[1])) { /* one item at a time */ }
    });
  }

  // the local state a profile's (or a session's) cards on the map carry, on its slide too:
  // the last line the map's label hook (60-session.js) adds to a card
  function localLine(id) {
    if (!EXT.label || !ITEMS[id]) return "";
    var label = EXT.label(ITEMS[id], "\n");
    return label.slice(label.lastIndexOf("\n") + 1);
  }
  function showLocal(slide) {
    var pid = slide.getAttribute("data-phase");
    if (!pid) return;
    var marks = [[slide.querySelector(".summary .counts"), nid("phase", pid)]];
    Array.prototype.forEach.call(slide.querySelectorAll(".summary .chips .node-link"), function (b) {
      marks.push([b.parentElement, b.getAttribute("data-node")]);
    });
    marks.forEach(function (pair) {
      var line = localLine(pair[1]);
      var span = pair[0].querySelector(".local");
      if (!span) span = pair[0].appendChild(asWords(make("span", "local")));
      span.textContent = line ? " " + line : "";
      span.hidden = !line;
    });
  }

  function present(index) {
    var total = SLIDES.length;
    if (state.present < 0) startPresentation(index);
    state.slide = Math.max(0, Math.min(total - 1, index));
    state.present = state.slide;
    var shown = SLIDES[state.slide];
    SLIDES.forEach(function (s) {
      s.hidden = s !== shown;
      s.classList.remove("full");
    });
    $("full-card").setAttribute("aria-pressed", "false");
    $("full-card").disabled = state.slide === 0;
    shown.scrollTop = 0;
    var step = $("presenter-step");
    step.textContent = "";
    var said;
    if (state.slide === 0) {
      step.textContent = W.present_overview;
      said = W.present_overview;
    } else {
      var pid = DATA.order[state.slide - 1];
      var where = fmt(W.present_step, { n: state.slide, total: total - 1 }) + ": ";
      step.textContent = where;
      step.appendChild(modelSpan(nameOf(nid("phase", pid))));
      said = where + nameOf(nid("phase", pid));
    }
    $("prev").disabled = state.slide === 0;
    $("next").disabled = state.slide === total - 1;
    showLocal(shown);
    fitSlide(shown);
    restyle();
    say(said);
    return state.slide;
  }
  function toggleFullCard() {
    var shown = SLIDES[state.slide];
    if (!shown || state.slide === 0) return;
    var full = !shown.classList.contains("full");
    shown.classList.toggle("full", full);
    $("full-card").setAttribute("aria-pressed", full ? "true" : "false");
    fitSlide(shown);
    shown.focus();
  }
  function startPresentation(index) {
    // the slides start clear: a panel left open from the map would cover them
    if ($("panel").classList.contains("has-selection")) clearPanel();
    state.present = 0;
    document.body.classList.add("presenting");
    $("presenter").hidden = false;
    $("present").setAttribute("aria-pressed", "true");
    var root = document.documentElement;
    if (root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().then(function () {
        fullscreenByUs = true;
        if (state.present >= 0) fitSlide(SLIDES[state.slide]);
      }, function () { fullscreenByUs = false; });
    }
    present(index || 0);
    $("presenter-title").focus();
  }
  function stopPresentation() {
    if (state.present < 0) return;
    state.present = -1;
    state.slide = -1;
    document.body.classList.remove("presenting");
    $("presenter").hidden = true;
    $("present").setAttribute("aria-pressed", "false");
    if (fullscreenByUs && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () { return null; });
    }
    fullscreenByUs = false;
    restyle();
    network.setSize("100%", "100%");
    network.redraw();
    home();
    say("");
    $("present").focus();
  }
  $("present").setAttribute("aria-pressed", "false");
  $("present").addEventListener("click", function () {
    if (state.present >= 0) stopPresentation();
    else startPresentation(0);
  });
  $("prev").addEventListener("click", function () { present(state.slide - 1); });
  $("next").addEventListener("click", function () { present(state.slide + 1); });
  $("full-card").addEventListener("click", toggleFullCard);
  $("exit").addEventListener("click", stopPresentation);
  slides.addEventListener("click", function (e) {
    var t = e.target instanceof Element ? e.target : null;
    var go = t ? t.closest("[data-go]") : null;
    if (go) present(Number(go.getAttribute("data-go")));
    else if (t && t.closest("[data-full]")) toggleFullCard();
  });
  // touch: a swipe left or right changes the slide
  var touchStart = null;
  slides.addEventListener("touchstart", function (e) {
    if (e.touches.length === 1) touchStart = { x: e.touches[0].clientX, y: e.touches[0].clientY };
  }, { passive: true });
  slides.addEventListener("touchend", function (e) {
    if (!touchStart || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touchStart.x;
    var dy = e.changedTouches[0].clientY - touchStart.y;
    touchStart = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) present(state.slide + (dx < 0 ? 1 : -1));
  });
  window.addEventListener("resize", function () { if (state.present >= 0) fitSlide(SLIDES[state.slide]); });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && fullscreenByUs) {
      fullscreenByUs = false;
      stopPresentation();
    }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t instanceof Element && t.matches("input, select, textarea");
    if (state.present >= 0 && !typing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      var last = SLIDES.length - 1;
      var moves = Object.assign(dict(), { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 });
      var scrolls = Object.assign(dict(), { ArrowDown: 1, ArrowUp: -1 });
      if (e.key in moves) {
        e.preventDefault();
        e.stopPropagation();
        present(state.slide + moves[e.key]);
      } else if (e.key in scrolls) {
        // the arrows up and down scroll the slide (the full card can be long)
        e.preventDefault();
        SLIDES[state.slide].scrollBy(0, scrolls[e.key] * 60);
      } else if (e.key === "k" || e.key === "K") {
        e.preventDefault();
        toggleFullCard();
      } else if (e.key === "Home") {
        e.preventDefault();
        present(0);
      } else if (e.key === "End") {
        e.preventDefault();
        present(last);
      } else if (e.key === "Escape") {
        e.preventDefault();
        stopPresentation();
      }
      return;
    }
    if (e.key === "Escape" && !typing && state.focus) {
      toggleFocus(state.focus);
    }
  }, true);

