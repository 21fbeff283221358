// drafter serve: the one script. The page works without it; it only adds the insert buttons,
// which put a figure, a table or a note (chosen in the list beside the button) at the cursor
// of the part's text field.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.inserts").forEach(function (bar) {
    var field = bar.parentElement.querySelector("textarea[data-insert]");
    if (!field) { return; }
    bar.hidden = false;
    bar.querySelectorAll("button.insert").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = document.getElementById(button.getAttribute("data-from")).value;
        var start = field.selectionStart, end = field.selectionEnd, value = field.value;
        var cursor;
        if (button.hasAttribute("data-line")) {
          // a table stands on a line of its own: line breaks before and after it where needed,
          // and the cursor on the line after it, to go on typing there
          if (start > 0 && value.charAt(start - 1) !== "\n") { text = "\n" + text; }
          if (value.charAt(end) !== "\n") { text = text + "\n"; }
          cursor = start + text.length + (value.charAt(end) === "\n" ? 1 : 0);
        } else {
          cursor = start + text.length;
        }
        field.value = value.slice(0, start) + text + value.slice(end);
        field.focus();
        field.selectionStart = field.selectionEnd = Math.min(cursor, field.value.length);
      });
    });
  });
});
