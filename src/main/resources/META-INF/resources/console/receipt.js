// Verifies an exchange's inclusion proof in the browser (RFC 9162 §2.1.3.2): recomputes the Merkle root from the
// leaf hash and the audit path with SHA-256 (0x01 prefix for interior nodes) and compares it with the checkpoint's
// root. The data comes from data attributes: the page carries no inline script (CSP).
(function () {
  "use strict";
  var out = document.getElementById("receipt-result");
  if (!out) {
    return;
  }
  function unhex(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return bytes;
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function node(left, right) {
    var data = new Uint8Array(1 + left.length + right.length);
    data[0] = 1;
    data.set(left, 1);
    data.set(right, 1 + left.length);
    return crypto.subtle.digest("SHA-256", data).then(function (h) {
      return new Uint8Array(h);
    });
  }
  function show(ok, text) {
    out.textContent = text;
    out.className = ok ? "ok" : "bad";
    out.setAttribute("data-verified", ok ? "true" : "false");
  }
  if (!window.crypto || !crypto.subtle) {
    show(false, out.dataset.unsupported);
    return;
  }
  // Indices stay below 2^53, so plain numbers and division keep them exact (no 32-bit bit operators).
  var fn = Number(out.dataset.leafIndex);
  var sn = Number(out.dataset.treeSize) - 1;
  var path = out.dataset.path ? out.dataset.path.split(",") : [];
  var expected = out.dataset.root;
  var r = Promise.resolve(unhex(out.dataset.leafHash));
  var failed = false;
  path.forEach(function (p) {
    var sibling = unhex(p);
    r = r.then(function (current) {
      if (sn === 0) {
        failed = true;
        return current;
      }
      var next;
      if (fn % 2 === 1 || fn === sn) {
        next = node(sibling, current);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        next = node(current, sibling);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      return next;
    });
  });
  r.then(function (root) {
    var ok = !failed && sn === 0 && hex(root) === expected;
    show(ok, ok ? out.dataset.ok : out.dataset.bad + " (" + hex(root) + ")");
  }, function (e) {
    show(false, out.dataset.bad + " (" + e + ")");
  });
})();
