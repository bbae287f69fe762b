/*
 * Touchpoint chat widget. Add to any page:
 *   <script src="https://HOST/chat/widget.js" data-inbox="WIDGETKEY" async></script>
 * optional: data-user-id + data-user-hash (hex HMAC-SHA256 of the user id with the inbox's identity
 * secret, computed on your server), data-name, data-email.
 * Plain JavaScript in a shadow root, so the host page's styles neither leak in nor out. Every text a
 * person wrote is put on the page with textContent or text nodes, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-inbox][src*='/chat/widget.js']");
  if (!script || window.__touchpointChat) { return; }
  window.__touchpointChat = true;

  var host = new URL(script.src, location.href).origin;
  var inboxKey = script.getAttribute("data-inbox");
  var identity = {
    userId: script.getAttribute("data-user-id") || null,
    userHash: script.getAttribute("data-user-hash") || null,
    name: script.getAttribute("data-name") || null,
    email: script.getAttribute("data-email") || null
  };
  var storeKey = "touchpoint.chat." + inboxKey;
  // The file types and size the server accepts (ConversationLimits); the server's answer is the last word.
  var FILE_TYPES = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.csv,.docx,.xlsx";
  var MAX_FILE_BYTES = 10 * 1024 * 1024;
  var EMOJI = ["😀", "😂", "😊", "😍", "🤔", "😢", "😮", "😡", "👍", "👎", "👏", "🙏", "🎉", "❤️", "🔥", "✅", "❌", "📦", "💳", "⏰"];

  var state = {
    inbox: null, availability: null, chat: load(), messages: new Map(), pending: new Map(),
    connection: null, agentReadSeq: 0, contact: { name: identity.name, email: identity.email }, historyLoaded: false,
    file: null, csat: null
  };

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state.chat)); } catch (e) { /* private mode: the chat lasts this page */ }
  }
  function forget() {
    state.chat = null; state.messages.clear(); state.pending.clear(); state.historyLoaded = false;
    try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
  }

  // ---- DOM helpers: elements and text only ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k.indexOf("on") === 0) { node.addEventListener(k.slice(2), attrs[k]); } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  /** A line icon drawn as SVG, so it shows on systems without an emoji font. */
  function icon(path) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var line = document.createElementNS(ns, "path");
    line.setAttribute("d", path);
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "currentColor");
    line.setAttribute("stroke-width", "2");
    line.setAttribute("stroke-linecap", "round");
    line.setAttribute("stroke-linejoin", "round");
    svg.appendChild(line);
    return svg;
  }
  var CHAT_ICON = "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z";
  var CLIP_ICON = "M21 11.5l-8.5 8.5a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3l8-8";
  var URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
  /** Text with http(s) links made clickable, built from text nodes and anchors. */
  function linkified(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(/[.,;:!?)]+$/, "");
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var safe = null;
      try { safe = new URL(url); } catch (e) { safe = null; }
      if (safe && (safe.protocol === "http:" || safe.protocol === "https:")) {
        fragment.appendChild(el("a", { href: safe.href, target: "_blank", rel: "noopener noreferrer", text: url }));
      } else {
        fragment.appendChild(document.createTextNode(url));
      }
      last = offset + url.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // ---- UI ----
  var root = el("div", { id: "touchpoint-chat" });
  var shadow = root.attachShadow({ mode: "open" });
  var style = el("style", { text: [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px}",
    ".launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;color:#fff;cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.25);z-index:2147483000;display:flex;align-items:center;justify-content:center}",
    ".launcher svg{width:26px;height:26px}",
    ".panel{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 110px);background:#fff;color:#1f2328;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000}",
    ".panel[hidden]{display:none}",
    "header{color:#fff;padding:12px 14px;display:flex;align-items:center;justify-content:space-between}",
    "header h2{margin:0;font-size:16px}",
    "header button{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer}",
    ".body{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:6px}",
    ".msg{max-width:80%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}",
    ".msg.customer{align-self:flex-end;background:#e7f0ff}",
    ".msg.agent,.msg.greeting{align-self:flex-start;background:#f1f3f5}",
    ".msg.system{align-self:center;background:transparent;color:#57606a;font-style:italic}",
    ".msg.pending{opacity:.6}",
    ".seen{align-self:flex-end;color:#57606a;font-size:12px}",
    ".status{color:#57606a;font-size:12px;min-height:16px;padding:0 12px}",
    ".error{color:#b42318;font-size:12px;padding:0 12px}",
    "form{display:flex;flex-direction:column;gap:8px;padding:12px}",
    "label{display:flex;flex-direction:column;gap:4px;color:#1f2328}",
    "input,textarea{border:1px solid #d0d7de;border-radius:6px;padding:6px 8px;color:#1f2328;background:#fff}",
    ".composer{display:flex;flex-direction:row;gap:6px;padding:8px;border-top:1px solid #eaeef2;align-items:flex-end}",
    ".composer textarea{flex:1;resize:none;height:40px}",
    ".composer button,form button{border:0;border-radius:6px;padding:8px 10px;color:#fff;cursor:pointer}",
    ".composer .emoji-toggle{background:#f1f3f5;color:#1f2328}",
    ".emoji{display:grid;grid-template-columns:repeat(10,1fr);gap:2px;padding:4px 8px}",
    ".emoji[hidden]{display:none}",
    ".composer[hidden],form[hidden],.pending-file[hidden]{display:none}",
    ".composer .attach{background:#f1f3f5;color:#1f2328}",
    ".pending-file{display:flex;gap:6px;align-items:center;padding:4px 12px;font-size:12px;color:#1f2328}",
    ".pending-file button{background:transparent;border:0;cursor:pointer;color:#b42318;font-size:14px}",
    ".files{display:flex;flex-direction:column;gap:4px;margin-top:4px}",
    ".files img{max-width:160px;max-height:120px;border-radius:6px;display:block}",
    ".csat{align-self:stretch;border:1px solid #eaeef2;border-radius:10px;padding:10px;display:flex;flex-direction:column;gap:8px}",
    ".csat fieldset{border:0;margin:0;padding:0;display:flex;gap:6px;flex-wrap:wrap}",
    ".csat legend{font-weight:600;margin-bottom:6px}",
    ".csat .score{background:#f1f3f5;color:#1f2328;border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;cursor:pointer}",
    ".csat .score[aria-pressed=true]{outline:2px solid #1f6feb}",
    ".csat .send{border:0;border-radius:6px;padding:8px 10px;color:#fff;cursor:pointer;align-self:flex-start}",
    ".emoji button{background:transparent;border:0;cursor:pointer;font-size:18px;padding:2px}",
    "a{color:inherit;text-decoration:underline}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
  ].join("\n") });
  var launcher = el("button", { "class": "launcher", type: "button", "aria-label": "Open chat", "aria-expanded": "false" }, [icon(CHAT_ICON)]);
  var title = el("h2", { text: "Chat" });
  var closeButton = el("button", { type: "button", "aria-label": "Close chat", text: "×" });
  var header = el("header", {}, [title, closeButton]);
  var body = el("div", { "class": "body", role: "log", "aria-live": "polite", "aria-label": "Messages" });
  var status = el("div", { "class": "status", "aria-live": "polite" });
  var errorLine = el("div", { "class": "error", role: "alert" });
  var textarea = el("textarea", { id: "tp-message", rows: "2", maxlength: "5000", placeholder: "Write a message…" });
  var emojiToggle = el("button", { type: "button", "class": "emoji-toggle", "aria-label": "Insert emoji", "aria-expanded": "false", text: "😊" });
  var sendButton = el("button", { type: "submit", text: "Send" });
  var fileInput = el("input", { type: "file", id: "tp-file", accept: FILE_TYPES, "class": "sr", tabindex: "-1", "aria-hidden": "true" });
  var attachButton = el("button", { type: "button", "class": "attach", "aria-label": "Attach a file", title: "Attach a file" }, [icon(CLIP_ICON)]);
  var composer = el("form", { "class": "composer", "aria-label": "Send a message" },
    [el("label", { "for": "tp-message", "class": "sr", text: "Message" }), textarea, fileInput, attachButton, emojiToggle, sendButton]);
  var pendingFileName = el("span", { "class": "name" });
  var pendingFile = el("div", { "class": "pending-file", hidden: "", role: "status" }, [document.createTextNode("📎 "), pendingFileName,
    el("button", { type: "button", "aria-label": "Remove the file", text: "×", onclick: function () { chooseFile(null); textarea.focus(); } })]);
  var emojiPanel = el("div", { "class": "emoji", hidden: "", role: "group", "aria-label": "Emoji" });
  EMOJI.forEach(function (e) {
    emojiPanel.appendChild(el("button", { type: "button", "aria-label": "Insert " + e, text: e, onclick: function () { insertAtCaret(e); } }));
  });
  var panel = el("div", { "class": "panel", role: "dialog", "aria-label": "Chat", hidden: "" }, [header, body, status, errorLine, emojiPanel, pendingFile, composer]);
  shadow.appendChild(style);
  shadow.appendChild(launcher);
  shadow.appendChild(panel);

  function paint(color) {
    [launcher, header, sendButton].forEach(function (n) { n.style.background = color; });
    Array.prototype.forEach.call(shadow.querySelectorAll("form button[type=submit]"), function (b) { b.style.background = color; });
  }

  function insertAtCaret(text) {
    var start = textarea.selectionStart || textarea.value.length, end = textarea.selectionEnd || start;
    textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
    textarea.selectionStart = textarea.selectionEnd = start + text.length;
    textarea.focus();
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat");
    show();
    markRead();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Open chat");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
  attachButton.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () { chooseFile(fileInput.files && fileInput.files[0] ? fileInput.files[0] : null); });
  /** The file that goes with the next message (one at a time); it is uploaded when the message is sent. */
  function chooseFile(file) {
    errorLine.textContent = "";
    if (file && file.size > MAX_FILE_BYTES) {
      errorLine.textContent = "This file is too large: files may have at most " + (MAX_FILE_BYTES / 1024 / 1024) + " MB.";
      file = null;
    }
    state.file = file;
    fileInput.value = "";
    pendingFileName.textContent = file ? file.name : "";
    pendingFile.hidden = !file;
  }
  emojiToggle.addEventListener("click", function () {
    emojiPanel.hidden = !emojiPanel.hidden;
    emojiToggle.setAttribute("aria-expanded", String(!emojiPanel.hidden));
  });

  // ---- HTTP ----
  function api(method, path, data) {
    return fetch(host + "/chat/" + encodeURIComponent(inboxKey) + path, {
      method: method, credentials: "omit", headers: data ? { "Content-Type": "application/json" } : {},
      body: data ? JSON.stringify(data) : undefined
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    });
  }
  /** A call on the visitor's own conversation, proven by the visitor token (never a cookie). */
  function visitorApi(method, path, data, form) {
    var headers = { "X-Visitor-Token": state.chat.visitorToken };
    if (data) { headers["Content-Type"] = "application/json"; }
    return fetch(host + "/chat/" + encodeURIComponent(inboxKey) + "/conversations/" + encodeURIComponent(state.chat.conversationId) + path, {
      method: method, credentials: "omit", headers: headers, body: form || (data ? JSON.stringify(data) : undefined)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    });
  }
  /** Uploads a file to the conversation; resolves with the stored file, or fails with the server's reason. */
  function upload(file) {
    var form = new FormData();
    form.append("file", file, file.name);
    return visitorApi("POST", "/attachments", null, form).then(function (r) {
      if (r.ok) { return r.json; }
      if (r.status === 413 && !r.json.detail && !r.json.errors) { throw new Error("This file is too large: files may have at most 10 MB."); }
      throw new Error(problemText(r.json));
    }, function () { throw new Error("The file could not be uploaded. Please try again."); });
  }
  /** A file's download in this visitor's chat: the server sends the path, the widget adds its own token. */
  function fileUrl(f) {
    return host + f.url + (f.url.indexOf("?") < 0 ? "?" : "&") + "visitor=" + encodeURIComponent(state.chat ? state.chat.visitorToken : "");
  }
  function refreshAvailability() {
    return api("GET", "/availability").then(function (r) {
      if (r.ok) { state.availability = r.json; state.inbox = r.json.inbox; title.textContent = state.inbox.name; paint(state.inbox.color); }
      return r;
    });
  }

  // ---- Views: chat, pre-chat form, offline form ----
  var currentForm = null;
  function setForm(form) {
    if (currentForm) { currentForm.remove(); }
    currentForm = form;
    composer.hidden = !!form;
    pendingFile.hidden = !!form || !state.file;
    emojiPanel.hidden = true;
    if (form) { panel.insertBefore(form, status); paint(state.inbox ? state.inbox.color : "#1f6feb"); }
  }

  function show() {
    errorLine.textContent = "";
    if (state.chat) { setForm(null); renderMessages(); connect(); textarea.focus(); return; }
    refreshAvailability().then(function (r) {
      if (!r.ok) { errorLine.textContent = "The chat cannot be reached right now. Please try again in a moment."; return; }
      if (!r.json.open) { showOffline(r.json); return; }
      if (state.inbox.preChatForm && !(state.contact.name && state.contact.email)) { showPreChat(); return; }
      setForm(null); renderMessages(); textarea.focus();
    }, function () { errorLine.textContent = "The chat cannot be reached right now. Please try again in a moment."; });
  }

  function field(id, labelText, type, value, required) {
    var input = el(type === "textarea" ? "textarea" : "input", { id: id, name: id });
    if (type !== "textarea") { input.setAttribute("type", type); }
    if (required) { input.setAttribute("required", ""); }
    if (value) { input.value = value; }
    return { input: input, label: el("label", { "for": id }, [document.createTextNode(labelText), input]) };
  }

  function showPreChat() {
    var name = field("tp-name", "Your name", "text", state.contact.name, true);
    var email = field("tp-email", "Your email", "email", state.contact.email, true);
    var form = el("form", { "aria-label": "Before we start" }, [el("p", { text: "Before we start, tell us who you are." }), name.label, email.label,
      el("button", { type: "submit", text: "Start chat" })]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      state.contact = { name: name.input.value.trim(), email: email.input.value.trim() };
      setForm(null); renderMessages(); textarea.focus();
    });
    setForm(form);
    name.input.focus();
  }

  function whenOpens(availability) {
    if (availability.reason === "outsideHours") {
      return availability.nextOpening
        ? "We are closed right now. We open again " + new Date(availability.nextOpening).toLocaleString([], { weekday: "long", hour: "2-digit", minute: "2-digit" }) + "."
        : "We are closed right now.";
    }
    var wait = availability.expectedWaitSeconds;
    return "No one is available to chat right now." + (wait ? " Our replies usually take about " + Math.max(1, Math.round(wait / 60)) + " minutes." : "");
  }

  function showOffline(availability) {
    var name = field("tp-off-name", "Your name", "text", state.contact.name, false);
    var email = field("tp-off-email", "Your email (we answer there)", "email", state.contact.email, true);
    var message = field("tp-off-message", "Your message", "textarea", "", true);
    var intro = el("p", { text: whenOpens(availability) + " " + ((state.inbox && state.inbox.offlineMessage) || "Leave a message and we will answer by email.") });
    var form = el("form", { "aria-label": "Leave a message" }, [intro, name.label, email.label, message.label, el("button", { type: "submit", text: "Send message" })]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      errorLine.textContent = "";
      api("POST", "/offline", { name: name.input.value, email: email.input.value, message: message.input.value }).then(function (r) {
        if (r.ok) {
          setForm(el("form", { "aria-label": "Message sent" }, [el("p", { role: "status", text: "Thank you! We received your message and will answer at " + email.input.value.trim() + "." })]));
        } else {
          errorLine.textContent = problemText(r.json);
        }
      }, function () { errorLine.textContent = "Your message could not be sent. Please try again."; });
    });
    setForm(form);
    (email.input.value ? message.input : email.input).focus();
  }

  function problemText(problem) {
    if (problem && problem.errors) {
      return Object.keys(problem.errors).map(function (k) { return problem.errors[k].join(" "); }).join(" ");
    }
    return (problem && (problem.detail || problem.title)) || "Something went wrong. Please try again.";
  }

  // ---- Messages ----
  function renderMessages() {
    body.textContent = "";
    if (state.inbox && state.inbox.greeting) { body.appendChild(el("div", { "class": "msg greeting", text: state.inbox.greeting })); }
    var ordered = Array.from(state.messages.values()).sort(function (a, b) { return a.seq - b.seq; });
    var seenAt = null;
    ordered.forEach(function (m) { if (m.author === "customer" && m.seq <= state.agentReadSeq) { seenAt = m.seq; } });
    // The rating question stands until the visitor rates or writes again (which reopens the conversation).
    var askSeq = null, rated = false;
    ordered.forEach(function (m) {
      if (m.kind === "csatQuestion") { askSeq = m.seq; rated = false; } else if (m.kind === "csatRating") { rated = true; } else if (m.author === "customer") { askSeq = null; }
      var bubble = el("div", { "class": "msg " + m.author, "data-seq": String(m.seq) });
      bubble.appendChild(linkified(m.body));
      if (m.attachments && m.attachments.length) { bubble.appendChild(fileLinks(m.attachments)); }
      body.appendChild(bubble);
      if (m.seq === seenAt) { body.appendChild(el("div", { "class": "seen", text: "Seen" })); }
    });
    if (askSeq !== null) {
      if (rated || (state.csat && state.csat.seq === askSeq && state.csat.rated)) {
        body.appendChild(el("div", { "class": "msg system", role: "status", text: "Thank you for your feedback!" }));
      } else {
        body.appendChild(csatForm(askSeq));
      }
    }
    state.pending.forEach(function (p) {
      body.appendChild(el("div", { "class": "msg customer pending", text: p.body || ("📎 " + (p.fileNames || []).join(", ")) }));
    });
    body.scrollTop = body.scrollHeight;
  }

  /** Links to a message's files (names as text); images also show a small preview from the same download. */
  function fileLinks(files) {
    var list = el("div", { "class": "files" });
    files.forEach(function (f) {
      var link = el("a", { href: fileUrl(f), target: "_blank", rel: "noopener noreferrer", download: f.fileName });
      if (/^image\//.test(f.contentType)) { link.appendChild(el("img", { src: fileUrl(f), alt: f.fileName })); }
      link.appendChild(document.createTextNode("📎 " + f.fileName));
      list.appendChild(link);
    });
    return list;
  }

  /** "How was this conversation?": 1-5 buttons and a comment; kept across re-renders so a choice is not lost. */
  function csatForm(seq) {
    if (state.csat && state.csat.seq === seq) { return state.csat.node; }
    var chosen = 0;
    var labels = ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"];
    var buttons = [1, 2, 3, 4, 5].map(function (n) {
      return el("button", { type: "button", "class": "score", "aria-pressed": "false", "aria-label": n + " of 5, " + labels[n - 1], text: String(n),
        onclick: function () { chosen = n; buttons.forEach(function (b, i) { b.setAttribute("aria-pressed", String(i + 1 === n)); }); } });
    });
    var comment = el("textarea", { id: "tp-csat-comment", rows: "2", maxlength: "2000" });
    var note = el("p", { "class": "error", role: "alert" });
    var send = el("button", { type: "submit", "class": "send", text: "Send rating" });
    send.style.background = state.inbox ? state.inbox.color : "#1f6feb";
    var form = el("form", { "class": "csat", "aria-label": "Rate this conversation" }, [
      el("fieldset", {}, [el("legend", { text: "How was this conversation?" })].concat(buttons)),
      el("label", { "for": "tp-csat-comment" }, [document.createTextNode("Comment (optional)"), comment]), send, note]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!chosen) { note.textContent = "Choose a rating from 1 to 5."; return; }
      note.textContent = "";
      send.disabled = true;
      visitorApi("POST", "/csat", { score: chosen, comment: comment.value }).then(function (r) {
        send.disabled = false;
        if (r.ok) { state.csat.rated = true; renderMessages(); return; }
        note.textContent = problemText(r.json);
      }, function () { send.disabled = false; note.textContent = "Your rating could not be sent. Please try again."; });
    });
    state.csat = { seq: seq, node: form, rated: false };
    return form;
  }

  function accept(message) {
    if (message.private || (state.chat && message.conversationId !== state.chat.conversationId)) { return; }
    state.messages.set(message.seq, message);
    if (state.chat && message.seq > (state.chat.lastSeq || 0)) { state.chat.lastSeq = message.seq; save(); }
    renderMessages();
    markRead();
  }

  function markRead() {
    if (panel.hidden || !state.connection || state.connection.state !== "Connected" || !state.chat || document.hidden) { return; }
    var newest = 0;
    state.messages.forEach(function (m) { if (m.author !== "customer" && m.seq > newest) { newest = m.seq; } });
    if (newest > (state.readSent || 0)) {
      state.readSent = newest;
      state.connection.invoke("Read", state.chat.conversationId, newest).catch(function () { state.readSent = 0; });
    }
  }

  // ---- The hub ----
  function loadSignalR() {
    if (window.signalR) { return Promise.resolve(window.signalR); }
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = host + "/lib/signalr.min.js";
      s.async = true;
      s.onload = function () { resolve(window.signalR); };
      s.onerror = function () { reject(new Error("The chat client could not be loaded.")); };
      document.head.appendChild(s);
    });
  }

  /** Everything after the last message we have: on connect and on every reconnect, so nothing is lost. */
  function catchUp() {
    var after = state.historyLoaded ? (state.chat.lastSeq || 0) : 0;
    return state.connection.invoke("Since", state.chat.conversationId, after).then(function (missed) {
      state.historyLoaded = true;
      missed.forEach(accept);
      if (missed.length === 500) { return catchUp(); }
      return flushPending();
    });
  }

  var connecting = null;
  function connect() {
    if (connecting) { return connecting; }
    connecting = loadSignalR().then(function (signalR) {
      var url = host + "/hubs/conversations?conversation=" + encodeURIComponent(state.chat.conversationId) + "&visitor=" + encodeURIComponent(state.chat.visitorToken);
      // WebSockets straight away: no cross-origin negotiate request, and no cookies are involved.
      var connection = new signalR.HubConnectionBuilder()
        .withUrl(url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets, withCredentials: false })
        .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
        .configureLogging(signalR.LogLevel.None)
        .build();
      state.connection = connection;
      connection.on("message", accept);
      connection.on("typing", function (notice) {
        if (notice.author !== "agent") { return; }
        status.textContent = "Agent is typing…";
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(function () { status.textContent = ""; }, 3000);
      });
      connection.on("read", function (notice) {
        if (notice.author === "agent" && notice.seq > state.agentReadSeq) { state.agentReadSeq = notice.seq; renderMessages(); }
      });
      connection.onreconnecting(function () { status.textContent = "Reconnecting…"; });
      connection.onreconnected(function () { status.textContent = ""; catchUp(); });
      connection.onclose(function (error) {
        connecting = null;
        if (error && /visitor token/.test(error.message || "")) { forget(); renderMessages(); status.textContent = "This chat has ended. Write to start a new one."; return; }
        status.textContent = "Disconnected. Your messages are kept and sent when you are back.";
        setTimeout(function () { if (state.chat) { connect(); } }, 5000);
      });
      return connection.start().then(function () { status.textContent = ""; return catchUp(); });
    }).catch(function (e) {
      connecting = null;
      errorLine.textContent = (e && e.message) || "The chat cannot be reached right now.";
    });
    return connecting;
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  /** Sends queued messages; each keeps its client id, so a resend after a lost acknowledgement is not stored twice. */
  function flushPending() {
    var queue = Array.from(state.pending.values());
    return queue.reduce(function (chain, p) {
      return chain.then(function () {
        if (!state.connection || state.connection.state !== "Connected") { return null; }
        var sending = p.files && p.files.length
          ? state.connection.invoke("SendWithFiles", state.chat.conversationId, p.clientId, p.body, p.files)
          : state.connection.invoke("Send", state.chat.conversationId, p.clientId, p.body);
        return sending.then(function (stored) {
          state.pending.delete(p.clientId);
          accept(stored);
        }, function (e) {
          var text = (e && e.message) || "";
          if (/HubException|Too many|at most|merged|needs some text/.test(text)) {
            state.pending.delete(p.clientId);
            errorLine.textContent = text.replace(/^.*HubException: /, "");
            renderMessages();
          }
        });
      });
    }, Promise.resolve());
  }

  function start() {
    var data = { name: state.contact.name, email: state.contact.email, userId: identity.userId, userHash: identity.userHash };
    return api("POST", "/conversations", data).then(function (r) {
      if (!r.ok) {
        if (r.json && r.json.errors && (r.json.errors.name || r.json.errors.email) && !r.json.errors.userHash) { showPreChat(); }
        throw new Error(problemText(r.json));
      }
      state.chat = { conversationId: r.json.conversationId, visitorToken: r.json.visitorToken, lastSeq: 0 };
      state.historyLoaded = true;
      save();
      return connect();
    });
  }

  composer.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = textarea.value.trim();
    var file = state.file;
    if (!text && !file) { return; }
    errorLine.textContent = "";
    var clientId = newClientId();
    if (file) { sendWithFile(clientId, text, file); return; }
    state.pending.set(clientId, { clientId: clientId, body: text });
    textarea.value = "";
    emojiPanel.hidden = true;
    renderMessages();
    if (!state.chat) {
      start().catch(function (err) { state.pending.delete(clientId); textarea.value = text; renderMessages(); errorLine.textContent = err.message; });
    } else if (state.connection && state.connection.state === "Connected") {
      flushPending();
    } else {
      connect();
    }
  });
  /** A file goes up first (the upload needs the conversation), then the message names it. */
  function sendWithFile(clientId, text, file) {
    sendButton.disabled = true;
    emojiPanel.hidden = true;
    status.textContent = "Uploading " + file.name + "…";
    (state.chat ? Promise.resolve() : start()).then(function () { return upload(file); }).then(function (uploaded) {
      status.textContent = "";
      chooseFile(null);
      if (textarea.value.trim() === text) { textarea.value = ""; }
      state.pending.set(clientId, { clientId: clientId, body: text, files: [uploaded.id], fileNames: [uploaded.fileName] });
      renderMessages();
      if (state.connection && state.connection.state === "Connected") { flushPending(); } else { connect(); }
    }).catch(function (err) {
      status.textContent = "";
      errorLine.textContent = (err && err.message) || "The file could not be sent. Please try again.";
    }).then(function () { sendButton.disabled = false; });
  }
  textarea.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); composer.requestSubmit(); }
  });
  var lastTyping = 0;
  textarea.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping < 1500 || !state.connection || state.connection.state !== "Connected") { return; }
    lastTyping = now;
    state.connection.invoke("Typing", state.chat.conversationId).catch(function () { /* a hint only */ });
  });
  document.addEventListener("visibilitychange", markRead);

  function mount() {
    document.body.appendChild(root);
    refreshAvailability().catch(function () { /* the launcher still opens and says so */ });
    if (state.chat) { connect(); }
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
