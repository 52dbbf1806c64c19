// Live character count for fields with a limit (data-count), announced politely to screen readers.
document.querySelectorAll("textarea[data-count]").forEach(function (area) {
  var limit = parseInt(area.getAttribute("data-count"), 10);
  var out = document.createElement("p");
  out.className = "help counter";
  out.id = area.id + "_counter";
  out.setAttribute("aria-live", "polite");
  area.insertAdjacentElement("afterend", out);
  var described = area.getAttribute("aria-describedby");
  area.setAttribute("aria-describedby", (described ? described + " " : "") + out.id);
  var template = area.getAttribute("data-count-template") || "{n} / {limit}";
  function update() {
    var n = Array.from(area.value).length;
    out.textContent = template.replace("{n}", n).replace("{limit}", limit);
    out.classList.toggle("over", n > limit);
  }
  area.addEventListener("input", update);
  update();
});
// Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
var summary = document.getElementById("error-summary");
if (summary) { summary.focus(); }
