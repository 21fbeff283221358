// drafter serve: the one script. The page works without it; it only adds the insert buttons,
// which put a tag at the cursor of the text field last used.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var last = null;
  document.querySelectorAll("textarea[data-insert]").forEach(function (field) {
    field.addEventListener("focus", function () { last = field; });
  });
  document.querySelectorAll("p.inserts").forEach(function (bar) {
    bar.hidden = false;
    var field = bar.parentElement.querySelector("textarea[data-insert]");
    bar.querySelectorAll("button[data-insert-text]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = (last && bar.parentElement.contains(last)) ? last : field;
        if (!target) { return; }
        var text = button.getAttribute("data-insert-text");
        var start = target.selectionStart, end = target.selectionEnd;
        target.value = target.value.slice(0, start) + text + target.value.slice(end);
        target.focus();
        target.selectionStart = target.selectionEnd = start + text.length;
      });
    });
  });
});
