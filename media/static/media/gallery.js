/* The larger view of a gallery's photos, in a dialog over the page.
 *
 * Each thumbnail is a plain link to the photo's own page, which is what a visitor without
 * JavaScript gets. With it, the link opens the larger rendition here instead, with the
 * caption and credit under it; arrow keys and the buttons move through the gallery, Escape
 * or a click beside the photo closes it, and focus goes back to the thumbnail.
 */
(function () {
  "use strict";
  var galleries = document.querySelectorAll("[data-gallery]");
  if (!galleries.length || typeof HTMLDialogElement !== "function") {
    return;
  }

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = label;
    return element;
  }

  galleries.forEach(function (gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-large-src]"));
    var dialog = document.createElement("dialog");
    var figure = document.createElement("figure");
    var image = document.createElement("img");
    var caption = document.createElement("figcaption");
    var previous = button(gallery.dataset.labelPrevious, "lightbox-previous");
    var next = button(gallery.dataset.labelNext, "lightbox-next");
    var close = button(gallery.dataset.labelClose, "lightbox-close");
    var controls = document.createElement("div");
    var current = 0;

    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", gallery.dataset.labelDialog);
    image.sizes = "(min-width: 62rem) 60rem, 100vw";
    figure.append(image, caption);
    controls.className = "lightbox-controls";
    controls.append(previous, close, next);
    dialog.append(figure, controls);
    document.body.append(dialog);

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumbnail = link.querySelector("img");
      image.removeAttribute("srcset");
      image.src = link.dataset.largeSrc;
      if (link.dataset.largeSrcset) {
        image.srcset = link.dataset.largeSrcset;
      }
      image.alt = thumbnail ? thumbnail.alt : "";
      // Copied as text, never as markup: the caption, then the credit on a line of its own.
      var source = link.closest("figure");
      caption.replaceChildren();
      ["caption", "credit"].forEach(function (name) {
        var part = source.querySelector("figcaption ." + name);
        if (part) {
          var line = document.createElement("span");
          line.className = name;
          line.textContent = part.textContent;
          caption.append(line);
        }
      });
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
          return;
        }
        event.preventDefault();
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); }
      if (event.key === "ArrowRight") { show(current + 1); }
    });
    dialog.addEventListener("close", function () {
      links[current].focus();
    });
  });
})();
