  // -- presentation mode ----------------------------------------------------------------------------
  var fullscreenByUs = false;
  // the slides: the overview (rendered with the page) and a clone of each phase card, whose
  // extra parts (description, flow, notes, sources, who carries each barrier) show only in
  // the full card, one key (K) away
  var slides = $("slides");
  DATA.order.forEach(function (pid, k) {
    var card = $("card-" + pid).cloneNode(true);
    card.removeAttribute("id");
    card.removeAttribute("aria-labelledby");
    Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
    card.classList.add("slide", "phase-slide");
    card.setAttribute("data-slide", String(k + 1));
    card.setAttribute("tabindex", "-1");
    card.hidden = true;
    slides.appendChild(card);
  });
  var SLIDES = Array.prototype.slice.call(slides.querySelectorAll("[data-slide]"));

  // the largest type at which the slide's content fits the slide without scrolling
  // A phase with very many barriers and partners would only fit in small type: then the slide
  // turns dense (each sector with its count, each barrier chip on one line) and is fitted
  // again; the full card (K) still has every name.
  function fitSlide(slide) {
    var target = Math.max(14, Math.min(44, Math.floor(window.innerHeight / 28)));
    slide.classList.remove("dense");
    var size = shrinkToFit(slide, target);
    // large type is the point of a slide: 24 px on a full-HD screen, in proportion elsewhere
    if (!slide.classList.contains("full") && size < Math.round(target * 0.64)) {
      slide.classList.add("dense");
      if (shrinkToFit(slide, target) < size) {  // dense helps nothing here: keep every name
        slide.classList.remove("dense");
        shrinkToFit(slide, target);
      }
    }
  }

  function shrinkToFit(slide, target) {
    var size = target;
    slide.style.fontSize = size + "px";
    if (slide.classList.contains("full")) return size;
    while (size > 12 && (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1)) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
    return size;
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
    var go = e.target instanceof Element ? e.target.closest("[data-go]") : null;
    if (go) present(Number(go.getAttribute("data-go")));
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

