// Keeps a live story's page up to date without a reload (README "Live coverage").
// Polls head.json ({seq, rev, pinned, state}); fetches only the missing positions (entries/?after=&upto=)
// and the entries changed since the last change number it has (edits/?after=&upto=). New entries go in
// at the top while the reader is there; otherwise they wait behind a "N new updates" button, so nothing
// the reader is looking at moves. Edits replace an entry in place; a tombstone removes it. A polite status
// region tells screen readers, once per change, that updates wait, were added, or that the coverage ended.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-head]");
  if (!root) { return; }
  var POLL_MS = 3000;
  var RANGE = 50;  // live/views.py MAX_RANGE
  var list = root.querySelector("[data-live-list]");
  var pinnedSlot = root.querySelector("[data-live-pinned]");
  var button = root.querySelector("[data-live-new]");
  var badge = root.querySelector("[data-live-badge]");
  var status = root.querySelector("[data-live-status]");
  // The words it writes, in the page's language (live/page.py script_words): each phrase's plural forms, and
  // which form a count takes.
  var words = JSON.parse(root.dataset.liveWords);
  var seq = Number(root.dataset.seq) || 0;
  var rev = Number(root.dataset.rev) || 0;
  var waiting = [];  // entries received while the reader was scrolled down, oldest first
  var announcedWaiting = 0;  // the count of waiting entries last announced
  var added = 0;  // entries put in at the top by this poll

  function nodeFrom(html) {
    var template = document.createElement("template");
    template.innerHTML = html;  // our own HTML, sanitised on save (live/models.py)
    return template.content.firstElementChild;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function shown(id) {
    return list.querySelector('[data-entry="' + id + '"]');
  }

  function readerAtTop() {
    return list.getBoundingClientRect().top >= 0;
  }

  function insert(entry) {
    var node = nodeFrom(entry.html);
    node.dataset.position = entry.position;
    var empty = list.querySelector("[data-live-empty]");
    if (empty) { empty.remove(); }
    var existing = shown(entry.id);
    if (existing) { existing.replaceWith(node); return; }
    var later = Array.prototype.find.call(list.children, function (child) {
      return Number(child.dataset.position) < entry.position;
    });
    list.insertBefore(node, later || null);
  }

  function say(phrase, count) {
    var form = words.plural[count < words.plural.length ? count : 100 + count % 100];
    return words[phrase][form].replace("%(count)s", count);
  }

  function showButton() {
    button.hidden = waiting.length === 0;
    button.textContent = say("new", waiting.length);
    if (waiting.length > 0 && waiting.length !== announcedWaiting) { status.textContent = say("waiting", waiting.length); }
    announcedWaiting = waiting.length;
  }

  button.addEventListener("click", function () {
    waiting.splice(0).forEach(insert);
    showButton();
    list.scrollIntoView({ block: "start" });
    // The button is gone: focus goes to the newest entry, where the reader is taken, not back to the page's start.
    var newest = list.firstElementChild;
    newest.tabIndex = -1;
    newest.focus({ preventScroll: true });
  });

  function arrive(entry) {
    if (entry.deleted) { return; }
    // Pinned before it went out (a scheduled summary): its pin's change number is older than the page's, so no
    // edit brings it; it comes with the entry.
    if (entry.pinned) { pin(entry); }
    if (waiting.length === 0 && readerAtTop()) { insert(entry); added += 1; } else { waiting.push(entry); }
  }

  function pin(entry) {
    var current = pinnedSlot.firstElementChild;
    if (entry.pinned && !entry.deleted) {
      var copy = nodeFrom(entry.html);
      copy.removeAttribute("id");
      copy.querySelector(".live-entry__meta a").href = entry.url;  // as the page's pinned copy (entry.html)
      pinnedSlot.replaceChildren(copy);
    } else if (current && Number(current.dataset.entry) === entry.id) {
      pinnedSlot.replaceChildren();
    }
  }

  function applyEdit(entry) {
    pin(entry);
    // A held entry takes the new text and keeps its position (edits carry none).
    waiting = waiting.map(function (held) {
      return held.id === entry.id ? Object.assign({}, entry, { position: held.position }) : held;
    }).filter(function (held) { return !held.deleted; });
    var node = shown(entry.id);
    if (!node) { return; }
    if (entry.deleted) { node.remove(); return; }
    var fresh = nodeFrom(entry.html);
    fresh.dataset.position = node.dataset.position;
    node.replaceWith(fresh);
  }

  function fetchRanges(url, from, to, each) {
    var chain = Promise.resolve();
    for (var after = from; after < to; after += RANGE) {
      (function (start, end) {
        chain = chain.then(function () {
          return getJSON(url + "?after=" + start + "&upto=" + end).then(function (data) { data.entries.forEach(each); });
        });
      })(after, Math.min(to, after + RANGE));
    }
    return chain;
  }

  function poll() {
    return getJSON(root.dataset.liveHead).then(function (head) {
      var work = Promise.resolve();
      if (head.seq > seq) {
        work = work.then(function () { return fetchRanges(root.dataset.liveEntries, seq, head.seq, arrive); })
          .then(function () { seq = head.seq; });
      }
      if (head.rev > rev) {
        // Edits in order of their change numbers; at most one range per poll, the rest comes next time.
        var upto = Math.min(head.rev, rev + RANGE);
        work = work.then(function () { return fetchRanges(root.dataset.liveEdits, rev, upto, applyEdit); })
          .then(function () { rev = upto; });
      }
      return work.then(function () {
        if (head.pinned === null) { pinnedSlot.replaceChildren(); }
        showButton();
        if (added > 0) { status.textContent = say("added", added); }
        added = 0;
        if (head.state !== "live") {
          badge.textContent = words.ended;
          status.textContent = words.endedStatus;
          root.dataset.state = head.state;
          return false;
        }
        return true;
      });
    });
  }

  function loop() {
    poll().then(function (more) {
      if (more) { window.setTimeout(loop, POLL_MS); }
    }, function () {
      window.setTimeout(loop, POLL_MS * 2);  // a network blip or a deploy: try again a little later
    });
  }

  window.setTimeout(loop, POLL_MS);
})();
