/* Hosted videos load nothing from their host until the visitor asks for them.
 *
 * The page shows a plain link to the video on its host (what a visitor without JavaScript
 * follows); a click here puts the host's privacy-enhanced player in its place instead, and
 * only then does the browser contact the host.
 */
(function () {
  "use strict";
  document.querySelectorAll("a[data-embed-url]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = link.dataset.embedUrl;
      frame.title = link.dataset.title;
      frame.className = "video-player";
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      link.replaceWith(frame);
      frame.focus();
    });
  });
})();
