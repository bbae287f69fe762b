// The agent inbox's live side: new messages and changes arrive over the hub, replies and changes
// are posted with the page's own forms (so the page also works without JavaScript), presence is
// heartbeated while the page is open. Customer text is only ever set with textContent.
(function () {
    "use strict";
    const root = document.getElementById("inbox");
    if (!root) {
        return;
    }

    const selected = root.dataset.conversation || null;
    let lastSeq = Number(root.dataset.lastSeq || "0");
    const thread = document.getElementById("thread");
    const liveState = document.getElementById("live-state");
    const typing = document.getElementById("typing");
    const receipt = document.getElementById("receipt");

    // The same marker the page renders (_MessageAnalysis): sentiment dot and signal chips, text set with textContent.
    function analysisMarker(a) {
        const box = document.createElement("span");
        box.className = "message-analysis";
        box.dataset.testid = "message-analysis";
        if (!a.scored) { return box; }
        const label = a.sentiment.label;
        const dot = document.createElement("span");
        dot.className = "sentiment-dot " + label;
        dot.dataset.testid = "message-sentiment";
        dot.dataset.label = label;
        dot.setAttribute("role", "img");
        dot.setAttribute("aria-label", "Sentiment " + label);
        dot.title = "Sentiment " + label + " (" + a.sentiment.compound.toFixed(2) + ")";
        box.append(dot);
        for (const intent of a.intents || []) {
            if (intent.kind !== "signal") { continue; }
            const chip = document.createElement("span");
            chip.className = "chip signal";
            chip.dataset.testid = "message-signal";
            chip.title = intent.evidence || "";
            chip.textContent = intent.name;
            box.append(" ", chip);
        }
        return box;
    }

    function addMessage(m) {
        if (!thread || m.conversationId !== selected || m.seq <= lastSeq) {
            return;
        }
        lastSeq = m.seq;
        const li = document.createElement("li");
        li.className = "message " + m.author + (m.private ? " note" : "");
        li.dataset.seq = String(m.seq);
        const who = document.createElement("span");
        who.className = "who";
        who.textContent = (m.author === "customer" ? "Customer" : m.author === "agent" ? "Agent" : "Touchpoint") + (m.private ? " (internal note)" : "");
        if (m.analysis) { who.append(" ", analysisMarker(m.analysis)); }
        const body = document.createElement("span");
        body.className = "body";
        body.textContent = m.body;
        const time = document.createElement("time");
        time.className = "muted";
        time.dateTime = m.createdAt;
        time.textContent = new Date(m.createdAt).toISOString().substring(11, 16);
        li.append(who, body);
        if (m.attachments && m.attachments.length) {
            // File names come from customers: set as text; the URL is the members' download the server chose.
            const files = document.createElement("ul");
            files.className = "files";
            m.attachments.forEach(f => {
                const item = document.createElement("li");
                const link = document.createElement("a");
                link.href = f.url;
                link.download = f.fileName;
                link.textContent = "📎 " + f.fileName;
                item.append(link);
                files.append(item);
            });
            li.append(files);
        }
        li.append(time);
        thread.append(li);
        li.scrollIntoView({ block: "nearest" });
        if (m.author === "agent" && !m.private && receipt) {
            receipt.dataset.lastAgent = String(m.seq);
            receipt.hidden = true;
        }
        if (m.author === "customer" && typing) {
            typing.hidden = true;
        }
    }

    function bumpUnread(conversationId) {
        const row = document.querySelector(`#conversation-list li[data-id="${CSS.escape(conversationId)}"] .unread`);
        if (row && conversationId !== selected) {
            const count = Number(row.dataset.unread || "0") + 1;
            row.dataset.unread = String(count);
            row.textContent = String(count);
            row.hidden = false;
        }
    }

    function showReceipt(conversation) {
        if (!receipt || conversation.id !== selected) {
            return;
        }
        receipt.dataset.customerRead = String(conversation.customerReadSeq);
        const lastAgent = Number(receipt.dataset.lastAgent || "0");
        receipt.hidden = lastAgent === 0 || conversation.customerReadSeq < lastAgent;
    }

    function changed(c) {
        showReceipt(c);
        if (c.id === selected) {
            const status = document.querySelector("[data-testid=status]");
            if (status) {
                status.textContent = c.status;
            }
            const version = document.querySelector("#change-form input[name=version]");
            if (version && c.version) {
                version.value = c.version;
            }
        }
        if (!document.querySelector(`#conversation-list li[data-id="${CSS.escape(c.id)}"]`)) {
            liveState.textContent = "New conversations: reload to see them.";
        }
    }

    // Catch up by sequence number: after a reconnect, ask the page for what we missed.
    async function catchUp() {
        if (!selected) {
            return;
        }
        const response = await fetch(`${location.pathname}?handler=Messages&id=${encodeURIComponent(selected)}&after=${lastSeq}`,
            { headers: { Accept: "application/json" } });
        if (response.ok) {
            (await response.json()).forEach(addMessage);
        }
    }

    if (window.signalR) {
        const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/conversations").withAutomaticReconnect().build();
        connection.on("message", m => {
            addMessage(m);
            bumpUnread(m.conversationId);
        });
        connection.on("conversation", changed);
        connection.on("typing", t => {
            if (typing && t && t.conversationId === selected && t.author !== "agent") {
                typing.hidden = !t.typing && t.typing !== undefined;
            }
        });
        connection.on("read", r => r && showReceipt({ id: r.conversationId, customerReadSeq: r.customerReadSeq ?? r.seq }));
        connection.onreconnecting(() => { liveState.textContent = "Reconnecting…"; });
        connection.onreconnected(() => { liveState.textContent = "Live"; catchUp(); });
        connection.start().then(() => { liveState.textContent = "Live"; root.dataset.live = "true"; catchUp(); })
            .catch(() => { liveState.textContent = "Live updates are off; reload to see new messages."; });
    }

    // Reply and note: post the form in the background; the message shows when it comes back.
    const composer = document.getElementById("composer");
    const body = document.getElementById("body");
    if (composer && body) {
        composer.addEventListener("submit", async event => {
            event.preventDefault();
            const response = await fetch(composer.action, { method: "POST", body: new FormData(composer), headers: { Accept: "application/json" } });
            const result = await response.json();
            if (response.ok) {
                addMessage(result);
                body.value = "";
                document.getElementById("canned").value = "";
            } else {
                liveState.textContent = result.error || "The message was not sent.";
            }
        });

        // "/" + shortcut suggests canned replies; Enter or a click inserts the chosen one.
        const suggestions = document.getElementById("canned-suggestions");
        const replies = Array.from(document.querySelectorAll("#canned option[data-shortcut]"))
            .map(o => ({ shortcut: o.dataset.shortcut, body: o.dataset.body }));
        body.addEventListener("input", () => {
            const match = /(^|\s)\/([a-z0-9-]*)$/.exec(body.value);
            suggestions.replaceChildren();
            if (!match) {
                suggestions.hidden = true;
                return;
            }
            replies.filter(r => r.shortcut.startsWith(match[2])).slice(0, 8).forEach(r => {
                const li = document.createElement("li");
                const button = document.createElement("button");
                button.type = "button";
                button.className = "secondary";
                button.textContent = "/" + r.shortcut;
                button.title = r.body;
                button.addEventListener("click", () => {
                    body.value = body.value.slice(0, body.value.length - match[2].length - 1) + r.body;
                    suggestions.hidden = true;
                    body.focus();
                });
                li.append(button);
                suggestions.append(li);
            });
            suggestions.hidden = suggestions.childElementCount === 0;
        });
        document.getElementById("canned").addEventListener("change", event => {
            const option = event.target.selectedOptions[0];
            if (option && option.dataset.body) {
                body.value = option.dataset.body;
            }
        });
    }

    // Presence: the toggle posts at once; a heartbeat every 30 seconds keeps "online" true while the page is open.
    const presenceForm = document.getElementById("presence-form");
    if (presenceForm) {
        const post = () => fetch(presenceForm.action, { method: "POST", body: new FormData(presenceForm), headers: { Accept: "application/json" } });
        presenceForm.querySelector("select").addEventListener("change", post);
        post();
        setInterval(post, 30000);
    }
})();
