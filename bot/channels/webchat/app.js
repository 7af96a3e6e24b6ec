/* dvcbot web chat. Plain ES5 + XMLHttpRequest so it runs in old Android WebViews; no libraries. */
(function () {
  "use strict";

  var ENDPOINT = "webhook";            /* relative to the page: /webhooks/webchat/webhook */
  var UPLOAD = "upload";               /* a photo of the receipt */
  var OUTBOX = "outbox";               /* volunteer answers and notifications waiting for us */
  var HISTORY = "history";             /* the conversation so far, shown again after a reload */
  var POLL_MS = 5000;                  /* while the page is visible; stopped when hidden */
  /* longer than the server's own limit (meta dvcbot-timeout-ms), so that the server's polite
     answer arrives rather than the page giving up first */
  var timeoutMeta = document.querySelector ? document.querySelector('meta[name="dvcbot-timeout-ms"]') : null;
  var TIMEOUT_MS = parseInt(timeoutMeta ? timeoutMeta.getAttribute("content") : "", 10) || 75000;
  var TEXT = {
    waiting: "Đang trả lời…",
    offline: "Xin lỗi, chưa kết nối được với hệ thống. Bạn kiểm tra mạng rồi bấm \u201cGửi lại\u201d nhé.",
    failed: "Xin lỗi, hệ thống đang bận nên chưa trả lời được. Bạn vui lòng bấm \u201cGửi lại\u201d hoặc thử lại sau ít phút.",
    retry: "Gửi lại",
    empty: "Bạn chưa nhập câu hỏi.",
    photo: "📷 Ảnh giấy hẹn"
  };

  var doc = document;
  var log = doc.getElementById("log");
  var scroller = log.parentNode;
  var statusEl = doc.getElementById("status");
  var form = doc.getElementById("form");
  var input = doc.getElementById("text");
  var largeBtn = doc.getElementById("large-text");
  var chips = doc.getElementById("chips");
  var photoInput = doc.getElementById("photo");

  /* ---- storage that survives private mode ---- */
  var memory = {};
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return memory[key] || null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { memory[key] = value; }
  }

  /* The server signs the conversation: each page load carries a new session (meta
     dvcbot-session); the first one is kept so that a reload continues the conversation. */
  var SESSION_SHAPE = /^web:[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/;
  var metaSession = doc.querySelector ? doc.querySelector('meta[name="dvcbot-session"]') : null;
  var freshSession = metaSession ? metaSession.getAttribute("content") : "";
  var session = load("dvcbot.session");
  if (!session || !SESSION_SHAPE.test(session)) {
    session = freshSession;
    save("dvcbot.session", session);
  }
  function sessionRefused(status) {
    /* a kept session the server no longer accepts (new key): start again with this page's */
    if ((status === 401 || status === 403) && freshSession && session !== freshSession) {
      session = freshSession;
      save("dvcbot.session", session);
      return true;
    }
    return false;
  }

  function queryParam(name) {
    var query = window.location.search.replace(/^\?/, "").split("&"), i, pair;
    for (i = 0; i < query.length; i++) {
      pair = query[i].split("=");
      if (decodeURIComponent(pair[0] || "") === name) {
        try { return decodeURIComponent((pair[1] || "").replace(/\+/g, " ")); } catch (e) { return null; }
      }
    }
    return null;
  }
  var entryPoint = queryParam("ep");
  if (entryPoint && !/^[A-Za-z0-9_-]{1,64}$/.test(entryPoint)) { entryPoint = null; }

  /* ---- large text ---- */
  function setLarge(on) {
    doc.documentElement.className = on ? "large" : "";
    largeBtn.setAttribute("aria-pressed", on ? "true" : "false");
    save("dvcbot.large", on ? "1" : "0");
  }
  setLarge(load("dvcbot.large") === "1");
  largeBtn.onclick = function () { setLarge(largeBtn.getAttribute("aria-pressed") !== "true"); scrollDown(); };

  /* ---- rendering ---- */
  function scrollDown() { scroller.scrollTop = scroller.scrollHeight; }

  function appendText(el, text) {
    var parts = String(text).split(/(https?:\/\/[^\s<>"]+)/), i, a, url, tail;
    for (i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        url = parts[i];
        tail = "";
        while (/[.,;:!?)\]]$/.test(url)) { tail = url.slice(-1) + tail; url = url.slice(0, -1); }
        a = doc.createElement("a");
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.appendChild(doc.createTextNode(url));
        el.appendChild(a);
        if (tail) { el.appendChild(doc.createTextNode(tail)); }
      } else if (parts[i]) {
        el.appendChild(doc.createTextNode(parts[i]));
      }
    }
  }

  function addBubble(who, text, extraClass) {
    var p = doc.createElement("p");
    p.className = "msg " + who + (extraClass ? " " + extraClass : "");
    appendText(p, text);
    log.appendChild(p);
    scrollDown();
    return p;
  }

  /* A question's buttons can be answered once: pressing one disables them all (and the
     server refuses a second press of an answered question, e.g. from another tab). */
  function disableButtons(box) {
    var all = box.getElementsByTagName("button"), i;
    for (i = 0; i < all.length; i++) { all[i].disabled = true; }
    box.className = "buttons answered";
  }

  function addButtons(buttons, turnId, answered) {
    var box = doc.createElement("div"), i;
    box.className = "buttons";
    for (i = 0; i < buttons.length; i++) {
      (function (b) {
        if (!b || !b.title) { return; }
        var btn = doc.createElement("button");
        btn.type = "button";
        btn.appendChild(doc.createTextNode(b.title));
        btn.onclick = function () {
          if (btn.disabled) { return; }
          disableButtons(box);
          send(b.payload || b.title, { shown: b.title, turnId: turnId });
        };
        box.appendChild(btn);
      })(buttons[i]);
    }
    log.appendChild(box);
    if (answered) { disableButtons(box); }
    scrollDown();
  }

  /* Outbox texts stay on the server until acknowledged: show each id once, then ack it. */
  var shownOutbox = {}, toAck = [];
  function addBotMessage(m, answered) {
    if (!m || typeof m !== "object") { return; }
    if (typeof m.outbox_id === "number") {
      if (shownOutbox[m.outbox_id]) { return; }
      shownOutbox[m.outbox_id] = true;
      toAck.push(m.outbox_id);
    }
    var text = m.text || (m.custom && typeof m.custom.text === "string" ? m.custom.text : "");
    if (text) { addBubble("bot", text); }
    if (m.image) {
      var p = doc.createElement("p"), img = doc.createElement("img");
      p.className = "msg bot";
      img.src = m.image;
      img.alt = "Hình ảnh";
      p.appendChild(img);
      log.appendChild(p);
    }
    if (m.buttons && m.buttons.length) {
      addButtons(m.buttons, typeof m.turn_id === "number" ? m.turn_id : null, !!answered);
    }
    scrollDown();
  }

  function addError(text, item) {
    var p = addBubble("bot", text, "error");
    var btn = doc.createElement("button");
    btn.type = "button";
    btn.className = "retry";
    btn.appendChild(doc.createTextNode(TEXT.retry));
    btn.onclick = function () {
      if (p.parentNode) { p.parentNode.removeChild(p); }
      queue.push(item);
      next();
    };
    log.appendChild(btn);
    p.retryButton = btn;
    scrollDown();
  }

  /* ---- sending, one request at a time ---- */
  var queue = [], busy = false, greeted = false;

  function next() {
    if (busy || !queue.length) { return; }
    var item = queue.shift();
    busy = true;
    statusEl.textContent = TEXT.waiting;
    var acking = toAck.splice(0, toAck.length);   /* given back if the request fails */
    /* the same client_id on every try: the server answers a question once */
    var body = { session: session, message: item.message, ack: acking, client_id: item.clientId };
    if (item.shown) { body.shown = item.shown; }
    if (item.turnId !== null && item.turnId !== undefined) { body.turn_id = item.turnId; }
    if (item.image) { body.image = item.image; }
    if (item.withEntryPoint && entryPoint) { body.entry_point = entryPoint; }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", item.image ? UPLOAD : ENDPOINT, true);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.timeout = TIMEOUT_MS;
    function done(ok, data) {
      busy = false;
      statusEl.textContent = "";
      var retryButtons = log.querySelectorAll(".retry"), i;
      for (i = 0; i < retryButtons.length; i++) { retryButtons[i].parentNode.removeChild(retryButtons[i]); }
      if (ok) {
        for (i = 0; i < data.length; i++) { addBotMessage(data[i]); }
      } else if (data && data.messages && data.messages.length && data.messages[0].text) {
        toAck = acking.concat(toAck);
        addError(data.messages[0].text, item);
      } else {
        toAck = acking.concat(toAck);
        addError(data === "offline" ? TEXT.offline : TEXT.failed, item);
      }
      next();
      if (!busy) { schedulePoll(); }
    }
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      if (xhr.status === 0) { return; } /* handled by onerror / ontimeout */
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status >= 200 && xhr.status < 300 && data && typeof data.length === "number") {
        done(true, data);
      } else if (!item.retried && sessionRefused(xhr.status)) {
        item.retried = true;
        toAck = acking.concat(toAck);
        busy = false;
        queue.unshift(item);
        next();
      } else {
        done(false, data);
      }
    };
    xhr.onerror = function () { done(false, "offline"); };
    xhr.ontimeout = function () { done(false, null); };
    try { xhr.send(JSON.stringify(body)); } catch (e) { done(false, "offline"); }
  }

  /* ---- messages that arrive without a question: a volunteer's answer, a dossier notice ---- */
  var pollTimer = null, polling = false;

  function pageHidden() { return doc.hidden === true || doc.visibilityState === "hidden"; }

  function schedulePoll() {
    if (pollTimer !== null) { window.clearTimeout(pollTimer); }
    pollTimer = pageHidden() ? null : window.setTimeout(poll, POLL_MS);
  }

  function poll() {
    pollTimer = null;
    if (pageHidden()) { return; }                      /* resumed by visibilitychange */
    if (busy || polling) { schedulePoll(); return; }   /* a question's answer brings them too */
    polling = true;
    var xhr = new XMLHttpRequest();
    var acking = toAck.splice(0, toAck.length);
    xhr.open("POST", OUTBOX, true);   /* the session travels in the body, never in a URL */
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.timeout = 15000;
    function finished(ok) {
      if (ok !== true) { toAck = acking.concat(toAck); }   /* not acknowledged: say it again */
      polling = false;
      schedulePoll();
    }
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4 || xhr.status === 0) { return; }
      var data = null, i;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status === 200 && data && typeof data.length === "number") {
        for (i = 0; i < data.length; i++) { addBotMessage(data[i]); }
        finished(true);
        return;
      }
      finished();
    };
    xhr.onerror = finished;
    xhr.ontimeout = finished;
    try { xhr.send(JSON.stringify({ session: session, ack: acking })); } catch (e) { finished(); }
  }

  if (doc.addEventListener) {
    doc.addEventListener("visibilitychange", function () {
      if (pageHidden()) {
        if (pollTimer !== null) { window.clearTimeout(pollTimer); pollTimer = null; }
      } else if (!polling) {
        poll();                                        /* back on the page: look at once */
      }
    }, false);
  }

  function newClientId() {
    var bytes = "", i, chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (i = 0; i < 24; i++) { bytes += chars.charAt(Math.floor(Math.random() * chars.length)); }
    return bytes;
  }

  function send(message, opts) {
    opts = opts || {};
    message = String(message || "").replace(/^\s+|\s+$/g, "");
    if (!message && !opts.image) { statusEl.textContent = TEXT.empty; return; }
    if (!opts.hidden) { addBubble("user", opts.shown || message); }
    queue.push({ message: message, withEntryPoint: !!opts.withEntryPoint, clientId: newClientId(),
                 shown: opts.shown || null, turnId: opts.turnId, image: opts.image || null });
    next();
  }

  if (photoInput && window.FileReader) {
    photoInput.onchange = function () {
      var file = photoInput.files && photoInput.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        send("", { image: String(reader.result || ""), shown: TEXT.photo });
        photoInput.value = "";
      };
      reader.readAsDataURL(file);
    };
  }

  form.onsubmit = function (e) {
    if (e && e.preventDefault) { e.preventDefault(); }
    var text = input.value;
    input.value = "";
    send(text);
    return false;
  };

  chips.onclick = function (e) {
    var target = e.target || e.srcElement;
    if (target && target.className && /\bchip\b/.test(target.className)) {
      send(target.getAttribute("data-message") || target.textContent, { shown: target.textContent });
    }
  };

  /* After a reload the conversation so far is shown again; a new one starts with a hello
     (passing the leaflet's entry point). */
  function greet() {
    if (greeted) { return; }
    greeted = true;
    send("/greet", { hidden: true, withEntryPoint: true });
  }

  function restore() {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", HISTORY, true);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.timeout = 15000;
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4 || xhr.status === 0) { return; }
      var data = null, i, turn;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status === 200 && data && data.turns && data.turns.length) {
        greeted = true;
        for (i = 0; i < data.turns.length; i++) {
          turn = data.turns[i];
          if (turn.role === "user") { addBubble("user", turn.text || ""); }
          else { addBotMessage(turn, turn.answered); }
        }
      } else {
        sessionRefused(xhr.status);   /* a kept session no longer valid: this page's one */
        greet();
      }
      schedulePoll();
    };
    xhr.onerror = function () { greet(); schedulePoll(); };
    xhr.ontimeout = xhr.onerror;
    try { xhr.send(JSON.stringify({ session: session })); } catch (e) { greet(); schedulePoll(); }
  }
  restore();
})();
