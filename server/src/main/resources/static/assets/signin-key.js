// Sign-in to a relying platform with the USB key (/signin/key, docs/signin.md). The page asks the employer's
// assistant on 127.0.0.1:17017 for the certificate, asks the service for a challenge, asks the assistant to sign it
// (the employer confirms and types the PIN in the assistant's own window, never here), waits, and posts the answer.
(function () {
  "use strict";
  var ASSISTANT = "http://127.0.0.1:17017";
  var TEXTS = {
    "stale-challenge": "登录等待时间太长，请再点一次“用 USB Key 登录”。",
    "certificate-revoked": "这张证书已经注销，不能再用来登录。如需新证书，请办理补办。",
    "certificate-expired": "这张证书已经过期，请先办理年度更新。",
    "certificate-not-yet-valid": "这张证书还没有生效。",
    "unknown-certificate": "USB Key 里的证书不是本系统签发的，不能用来登录。",
    "bad-signature": "签名核对不通过，请重新插拔 USB Key 后再试。",
    "other-origin": "登录请求与当前网站不符，已拒绝。",
    "other-challenge": "签名的内容与登录请求不符，已拒绝。",
    "unknown-platform": "没有找到要登录的平台，请回到平台重新开始。",
    "wrong-key-usage": "这张证书不能用于登录。",
    "REFUSED": "您在助手里拒绝了这次登录。",
    "EXPIRED": "助手里的确认等待超时，请再点一次“用 USB Key 登录”。",
    "no-certificate": "USB Key 里没有证书。",
    "locked": "USB Key 已锁定，请先在助手里解锁。"
  };
  var statusLine = document.getElementById("status");
  var start = document.getElementById("start");
  if (!start) { return; }
  // The platform's authorization request this page was opened with: handed back with each call, and the way back.
  var authorization = document.getElementById("signin").getAttribute("data-request");

  function say(text) { statusLine.textContent = text; }

  function csrf() { return document.querySelector("meta[name=csrf-token]").getAttribute("content"); }

  function assistant(path, body) {
    var options = body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body)};
    return fetch(ASSISTANT + path, options).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { throw {code: json.error, detail: json.detail}; }
        return json;
      });
    }, function () { throw {notRunning: true}; });
  }

  function service(path, body) {
    return fetch(path, {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-XSRF-TOKEN": csrf()}, body: JSON.stringify(body)})
      .then(function (r) {
        return r.json().then(function (json) {
          if (!r.ok) { throw {code: (json.type || "").split("/").pop(), detail: json.detail}; }
          return json;
        });
      });
  }

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function poll(id) {
    return assistant("/v1/signin/" + encodeURIComponent(id)).then(function (answer) {
      if (answer.state === "PENDING") { return wait(400).then(function () { return poll(id); }); }
      if (answer.state !== "SIGNED") { throw {code: answer.state}; }
      return answer;
    });
  }

  start.addEventListener("click", function () {
    start.disabled = true;
    document.getElementById("no-assistant").hidden = true;
    // Opened now, inside the click, so that no pop-up blocker stops it; it is pointed at the request below.
    var popup = window.open("about:blank", "orgcert-assistant", "width=520,height=640");
    var challenge;
    say("正在读取 USB Key……");
    assistant("/v1/token").then(function (token) {
      if (!token.certificate) { throw {code: "no-certificate"}; }
      say("正在准备登录……");
      return service("/signin/key/challenge", {certificate: token.certificate.der, request: authorization});
    }).then(function (issued) {
      challenge = issued;
      return assistant("/v1/signin", {challenge: issued.challenge, platformName: issued.platformName});
    }).then(function (request) {
      var link = document.getElementById("confirm-open");
      link.href = request.confirmUrl;
      document.getElementById("confirm-link").hidden = false;
      if (popup && !popup.closed) { popup.location.href = request.confirmUrl; }
      say("请在助手窗口里核对登录的网站，并输入 PIN 码。");
      return poll(request.requestId);
    }).then(function (signed) {
      if (popup && !popup.closed) { popup.close(); } // the assistant's window has done its part
      say("正在核对证书……");
      return service("/signin/key", {nonce: challenge.nonce, signed: signed.signedText,
        signature: signed.signature, certificate: signed.certificate, request: authorization});
    }).then(function (done) {
      say("登录成功，正在返回平台……");
      window.location.href = done.redirect;
    }).catch(function (error) {
      try {
        if (popup && !popup.closed && popup.location.href === "about:blank") { popup.close(); }
      } catch (ignored) { /* the pop-up shows the assistant's page: the employer closes it */ }
      start.disabled = false;
      if (error && error.notRunning) {
        document.getElementById("no-assistant").hidden = false;
        say("");
        return;
      }
      var text = error && TEXTS[error.code];
      say(text || ("登录没有成功：" + ((error && error.detail) || "请稍后再试。")));
    });
  });
}());
