// The review screen: one suggestion at a time from the local server, decided by key or button.
// The server is the memory: every decision is on disk before this page moves on, so a reload or a
// crash resumes at the next undecided item. No third-party code; nothing leaves this computer.
(function () {
  "use strict";

  var token = new URLSearchParams(window.location.search).get("token") || "";
  // One id per tab, kept across reloads (sessionStorage is per tab): the server holds this tab's
  // page of items for it, so a reload gets them back and another tab gets others.
  var client = window.sessionStorage.getItem("review-client");
  if (!client) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    client = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    window.sessionStorage.setItem("review-client", client);
  }

  var $ = function (id) { return document.getElementById(id); };
  var study = null;
  var themes = {};
  var current = null;
  var history = []; // what this tab did, newest last: {kind: "decision", decision} or {kind: "skip", item}
  var busy = false;

  function api(method, path, body) {
    var options = {
      method: method,
      headers: { "X-Review-Token": token, "X-Review-Client": client },
      cache: "no-store",
      credentials: "omit",
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return window.fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || "the server answered " + response.status);
        return data;
      });
    });
  }

  var announcing = 0;
  function announce(message) {
    // Emptied first, so a screen reader hears a message again even when it repeats the last one.
    var status = $("status");
    status.textContent = "";
    var turn = ++announcing;
    window.setTimeout(function () { if (turn === announcing) status.textContent = message; }, 50);
  }

  function fail(error) {
    $("error").textContent = "Not saved: " + error.message.replace(/^not saved: /, "") + ". Try again.";
  }

  function quoted(text) {
    return "\u201c" + (text.length > 80 ? text.slice(0, 77) + "\u2026" : text) + "\u201d";
  }

  function formatNumber(n) {
    return n.toLocaleString("en");
  }

  function showProgress(page) {
    var text = formatNumber(page.decided) + " decided, " + formatNumber(page.remaining) + " to go";
    if (page.skipped) text += " (" + formatNumber(page.skipped) + " skipped)";
    $("progress").textContent = text;
  }

  var FIELD_WORDS = { interaction_style: "interaction style", occupation: "occupation", occupation_group: "occupation group" };

  function showProfile(profile) {
    $("profile-style").textContent = profile.interaction_style.label;
    $("profile-occupation").textContent = profile.occupation.label;
    $("profile-group").textContent = profile.occupation_group.label;
    var evidence = profile.style_evidence;
    $("profile-evidence").textContent = evidence
      ? "The coder took the style from turn " + evidence.turn + ": " + quoted(evidence.text)
      : "";
  }

  function show(page, focus) {
    showProgress(page);
    current = page.items.length ? page.items[0] : null;
    $("item").hidden = !current;
    $("done").hidden = !!current;
    $("undo").disabled = history.length === 0;
    if (!current) {
      $("done-text").textContent = page.skipped
        ? "You skipped " + formatNumber(page.skipped) + " item" + (page.skipped === 1 ? "" : "s") + "; they are still undecided."
        : "Every suggestion of the coder has your decision. Build the report to apply them.";
      $("unskip").hidden = !page.skipped;
      if (focus) $("done-heading").focus();
      return;
    }
    var theme = themes[current.theme] || { label: current.theme, definition: "" };
    $("theme-label").textContent = theme.label;
    $("theme-definition").textContent = theme.definition;
    var meta = "Interview " + current.interview + ", turn " + current.turn + ". ";
    meta += current.threshold === null
      ? "Coded by the codebook's cues."
      : "The coder's probability " + current.probability.toFixed(2) + " (the theme's threshold " + current.threshold.toFixed(2) + ").";
    $("item-meta").textContent = meta;
    $("question").hidden = current.question === null;
    $("question-label").textContent = (current.question_label || "") + ":";
    $("question-text").textContent = current.question || "";
    $("turn-label").textContent = current.label + ":";
    var turn = $("turn-text");
    turn.textContent = "";
    var mark = document.createElement("mark");
    mark.textContent = current.sentence;
    turn.append(current.before, mark, current.after);
    showProfile(current.profile);
    var notice = $("notice");
    notice.hidden = !page.shared;
    notice.textContent = page.shared ? "Another tab also shows this item: nothing else is left to review." : "";
    if (focus) {
      $("item-heading").focus();
      mark.scrollIntoView({ block: "nearest" });
    }
  }

  function act(path, body, onDone) {
    if (busy) return;
    busy = true;
    $("error").textContent = "";
    api("POST", path, body)
      .then(function (data) {
        busy = false;
        onDone(data);
      })
      .catch(function (error) {
        busy = false;
        fail(error);
      });
  }

  function decide(verdict, theme) {
    if (!current) return;
    var item = current;
    var body = { item: item.id, decision: verdict };
    if (theme) body.theme = theme;
    act("/api/decisions", body, function (data) {
      history.push({ kind: "decision", decision: data.saved });
      var label = (themes[data.saved.theme] || {}).label || data.saved.theme;
      var said = {
        accept: "Saved: accepted " + quoted(item.sentence) + " for " + label + ".",
        reject: "Saved: rejected " + quoted(item.sentence) + " for " + label + ".",
        add: "Saved: added " + label + " to " + quoted(item.sentence) + ".",
      }[verdict];
      if (data.previous) {
        said += " It had been " + data.previous.decision + "ed already (in another tab?); this later decision is the one that counts.";
      }
      announce(said);
      show(data.page, true);
    });
  }

  function skip() {
    if (!current) return;
    var item = current;
    act("/api/skips", { item: item.id }, function (data) {
      history.push({ kind: "skip", item: item.id });
      announce("Skipped " + quoted(item.sentence) + ".");
      show(data.page, true);
    });
  }

  function undo() {
    var last = history[history.length - 1];
    if (!last) {
      announce("Nothing to undo in this tab.");
      return;
    }
    if (last.kind === "skip") {
      act("/api/skips", { item: last.item, undo: true }, function (data) {
        history.pop();
        announce("Undone: the skip.");
        show(data.page, true);
      });
      return;
    }
    act("/api/undo", { decision: last.decision }, function (data) {
      history.pop();
      if (last.decision.decision === "set") {
        var d = last.decision;
        announce(data.removed
          ? "Undone: the " + FIELD_WORDS[d.field] + " of interview " + d.interview + " set to " + quoted(d.value) + ", removed from the file."
          : "That correction was no longer in the file; nothing was removed.");
        show(data.page, true);
        return;
      }
      announce(data.removed
        ? "Undone: " + last.decision.decision + " of " + quoted(last.decision.sentence || "") + ", removed from the file."
        : "That decision was no longer in the file; nothing was removed.");
      show(data.page, true);
    });
  }

  function fillChoices(select, choices, value) {
    select.textContent = "";
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.value;
      option.textContent = choice.label;
      option.selected = choice.value === value;
      select.append(option);
    });
  }

  function openCorrect() {
    if (!current || busy) return;
    var profile = current.profile;
    $("profile-interview").textContent = "interview " + current.interview;
    fillChoices($("profile-style-choice"), study.choices.interaction_style, profile.interaction_style.value);
    fillChoices($("profile-group-choice"), study.choices.occupation_group, profile.occupation_group.value);
    $("profile-occupation-text").value = profile.occupation.value;
    $("profile-dialog").showModal();
    $("profile-style-choice").focus();
  }

  function closeCorrect() {
    $("profile-dialog").close();
    $("correct").focus();
  }

  function saveCorrections(item, changes) {
    // One `set` decision per changed field, one after the other, each on disk before the next is sent.
    busy = true;
    $("error").textContent = "";
    var said = [];
    var next = Promise.resolve();
    changes.forEach(function (change) {
      next = next.then(function () {
        return api("POST", "/api/fields", { interview: item.interview, field: change[0], value: change[1] }).then(function (data) {
          history.push({ kind: "decision", decision: data.saved });
          item.profile = data.profile;
          said.push(FIELD_WORDS[change[0]] + " set to " + quoted(data.profile[change[0]].label));
        });
      });
    });
    next
      .then(function () {
        busy = false;
        $("undo").disabled = history.length === 0;
        announce("Saved: the " + said.join(", the ") + " of interview " + item.interview + ".");
      })
      .catch(function (error) {
        busy = false;
        $("undo").disabled = history.length === 0;
        fail(error);
      })
      .then(function () {
        if (current === item) showProfile(item.profile);
        $("correct").focus();
      });
  }

  $("profile-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current) return;
    var item = current;
    var wanted = {
      interaction_style: $("profile-style-choice").value,
      occupation: $("profile-occupation-text").value.split(/\s+/).filter(Boolean).join(" "),
      occupation_group: $("profile-group-choice").value,
    };
    var changes = Object.keys(wanted).filter(function (field) {
      return wanted[field] && wanted[field] !== item.profile[field].value;
    }).map(function (field) { return [field, wanted[field]]; });
    $("profile-dialog").close();
    if (!changes.length) {
      announce("Nothing changed in the profile of interview " + item.interview + ".");
      $("correct").focus();
      return;
    }
    saveCorrections(item, changes);
  });
  $("profile-cancel").addEventListener("click", closeCorrect);
  $("profile-dialog").addEventListener("cancel", function (event) {
    event.preventDefault();
    closeCorrect();
  });

  function openAdd() {
    if (!current) return;
    var choices = $("add-choices");
    choices.textContent = "";
    study.themes.forEach(function (theme) {
      if (theme.slug === current.theme) return;
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "theme";
      input.value = theme.slug;
      input.required = true;
      label.append(input, " " + theme.label);
      choices.append(label);
    });
    var first = choices.querySelector("input");
    if (!first) return;
    first.checked = true;
    $("add-dialog").showModal();
    first.focus();
  }

  function closeAdd() {
    $("add-dialog").close();
    $("add").focus();
  }

  $("add-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = $("add-form").elements.theme;
    var slug = chosen && chosen.value;
    $("add-dialog").close();
    if (slug) decide("add", slug);
  });
  $("add-form").addEventListener("keydown", function (event) {
    // Enter on a radio button submits, as it would on a text field.
    if (event.key === "Enter" && event.target.type === "radio") {
      event.preventDefault();
      $("add-form").requestSubmit();
    }
  });
  $("add-cancel").addEventListener("click", closeAdd);
  $("add-dialog").addEventListener("cancel", function (event) {
    event.preventDefault();
    closeAdd();
  });

  $("accept").addEventListener("click", function () { decide("accept"); });
  $("reject").addEventListener("click", function () { decide("reject"); });
  $("add").addEventListener("click", openAdd);
  $("skip").addEventListener("click", skip);
  $("undo").addEventListener("click", undo);
  $("correct").addEventListener("click", openCorrect);
  $("unskip").addEventListener("click", function () {
    act("/api/skips/reset", {}, function (data) {
      announce("The skipped items are back in the queue.");
      show(data.page, true);
    });
  });

  var keys = { a: function () { decide("accept"); }, r: function () { decide("reject"); }, t: openAdd, s: skip, u: undo, p: openCorrect };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if ($("add-dialog").open || $("profile-dialog").open) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    var run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  });

  // Without this script the page says only that it needs it: no control that cannot work.
  $("needs-script").hidden = true;
  $("undo-bar").hidden = false;
  $("keys").hidden = false;
  $("progress").textContent = "Loading the suggestions\u2026";
  Promise.all([api("GET", "/api/study"), api("GET", "/api/items")])
    .then(function (answers) {
      study = answers[0];
      study.themes.forEach(function (t) { themes[t.slug] = t; });
      $("study").textContent = study.title + " \u00b7 reviewer " + study.reviewer;
      $("saved-to").textContent = "Each decision is saved at once to reviews/" + study.file + " in the study folder.";
      show(answers[1], false);
    })
    .catch(function (error) {
      $("progress").textContent = "";
      $("error").textContent = "Could not load the review: " + error.message + ".";
    });
})();
