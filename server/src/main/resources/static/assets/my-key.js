// Renewal, unlocking and writing a changed certificate on /my/certificates/{serial}: only the USB-key assistant (orgcert-key serve, on
// 127.0.0.1:17017) can use the key, so the page asks it; it checks this page's Origin. The PIN goes from the
// field to the assistant only, never to the service. Texts come from the sections' data- attributes (the
// page's language); a refusal is said from the page's #key-refusals texts by its code, never by the answer's
// English detail.
(function () {
  "use strict";
  var ASSISTANT = "http://127.0.0.1:17017";
  var REFUSALS = JSON.parse(document.getElementById("key-refusals").textContent);

  function say(section, output, text) {
    section.querySelector(output).textContent = text;
  }

  function assistant(path, body) {
    var options = body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body)};
    return fetch(ASSISTANT + path, options).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { throw {from: "assistant", answer: json}; }
        return json;
      });
    }, function () {
      throw {notRunning: true}; // nothing answers on 127.0.0.1:17017
    });
  }

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function service(method, path, body) {
    var headers = {"X-XSRF-TOKEN": csrf()};
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, {method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)}).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { throw {from: "service", answer: json}; }
        return json;
      });
    });
  }

  // A text with its {name} placeholders filled from the answer's properties (e.g. retriesLeft, opensOn);
  // null when there is no text or the answer lacks a property it quotes.
  function filled(texts, code, answer) {
    if (typeof code !== "string" || !Object.prototype.hasOwnProperty.call(texts, code)) { return null; }
    var complete = true;
    var text = texts[code].replace(/\{(\w+)\}/g, function (placeholder, name) {
      var value = answer[name];
      if (value === undefined || value === null || typeof value === "object") { complete = false; return ""; }
      return String(value);
    });
    return complete ? text : null;
  }

  // The assistant answers {error, detail, retriesLeft, ...} and relays the service's refusals with the
  // service's type as error; the service answers problem+json whose type ends in the problem's name.
  function refusal(error) {
    var answer = error.answer || {};
    if (error.from === "assistant") {
      // the last wrong PIN locked the key: say so, and that unlocking below is the way on (R-FEE-1 d)
      var code = answer.error === "wrong-pin" && answer.retriesLeft === 0 ? "locked" : answer.error;
      return filled(REFUSALS.assistant, code, answer) || filled(REFUSALS.service, code, answer)
        || REFUSALS.assistantOther;
    }
    var type = typeof answer.type === "string" ? answer.type.substring(answer.type.lastIndexOf("/") + 1) : "";
    return filled(REFUSALS.service, type, answer) || REFUSALS.serviceOther;
  }

  function failure(section, output, error) {
    var d = section.dataset;
    if (error && error.notRunning) {
      say(section, output, d.notRunning);
    } else {
      say(section, output, d.failed + " " + (error && error.text ? error.text
        : error && error.from ? refusal(error) : REFUSALS.assistantOther));
    }
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  var renew = document.getElementById("renew");
  if (renew) {
    document.getElementById("renew-button").addEventListener("click", function () {
      var pin = document.getElementById("renew-pin");
      say(renew, "#renew-result", renew.dataset.working);
      assistant("/v1/renew", {pin: pin.value}).then(function (answer) {
        pin.value = "";
        say(renew, "#renew-result", renew.dataset.done + " " + (answer.certificate && answer.certificate.expiresOn || ""));
      }, function (error) { failure(renew, "#renew-result", error); });
    });
  }

  var unlock = document.getElementById("unlock");
  if (unlock) {
    document.getElementById("unlock-button").addEventListener("click", function () {
      var pin = document.getElementById("unlock-pin");
      say(unlock, "#unlock-result", unlock.dataset.working);
      // The assistant makes a secret and gives only its hash, which goes with the request: the bureau's response
      // is then fetched by the assistant itself with the secret. This page (and whoever reads it) never sees it.
      var responseKeyHash;
      assistant("/v1/unblock-challenge").then(function (challenge) {
        responseKeyHash = challenge.responseKeyHash;
        return service("POST", "/api/v1/unlock-requests", {tokenSerial: challenge.tokenSerial,
          challenge: challenge.challenge, responseKeyHash: responseKeyHash});
      }).then(function poll(request) {
        if (request.state === "APPROVED") { return request; }
        if (request.state === "REJECTED") { throw {text: unlock.dataset.rejected}; }
        say(unlock, "#unlock-result", unlock.dataset.waiting);
        return sleep(5000).then(function () {
          return service("GET", "/api/v1/unlock-requests/" + request.id);
        }).then(poll);
      }).then(function (request) {
        return assistant("/v1/unlock", {requestId: request.id, responseKeyHash: responseKeyHash, newPin: pin.value});
      }).then(function () {
        pin.value = "";
        say(unlock, "#unlock-result", unlock.dataset.done);
      }, function (error) { failure(unlock, "#unlock-result", error); });
    });
  }

  // After an approved information change (R-FEE-1 c): the assistant fetches the newest successor of the
  // certificate on the key and writes it there.
  var successor = document.getElementById("fetch-successor");
  if (successor) {
    document.getElementById("fetch-button").addEventListener("click", function () {
      var pin = document.getElementById("fetch-pin");
      say(successor, "#fetch-result", successor.dataset.working);
      assistant("/v1/fetch-successor", {pin: pin.value}).then(function (answer) {
        pin.value = "";
        // confirmed: the service took the assistant's word that it is on the key, and ended the old certificate
        say(successor, "#fetch-result", successor.dataset.done + " " + answer.certificate.expiresOn
          + (answer.confirmed ? " " + successor.dataset.oldEnded : ""));
      }, function (error) { failure(successor, "#fetch-result", error); });
    });
  }
})();
