// The notification bell: listens on /hubs/notifications and updates the unread count, announcing new
// notifications to screen readers. Without JavaScript the count is still right on every page load.
(function () {
    "use strict";
    const bell = document.getElementById("bell");
    if (!bell || typeof signalR === "undefined") {
        return;
    }
    const count = document.getElementById("bell-count");
    const live = document.getElementById("bell-live");
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/notifications").withAutomaticReconnect().build();
    connection.on("notification", function (n) {
        count.textContent = String(n.unread);
        count.hidden = n.unread === 0;
        bell.setAttribute("aria-label", "Notifications: " + n.unread + " unread");
        // textContent only: titles may quote customers' words.
        live.textContent = n.title;
    });
    connection.start().catch(function () { /* the count on the next page load is still right */ });
})();
