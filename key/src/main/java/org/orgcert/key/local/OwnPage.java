package org.orgcert.key.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.key.CertificateSummary;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.KeyInfo;
import org.orgcert.key.TokenSource;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.SignInException;
import org.orgcert.key.signin.SignInRequest;
import org.orgcert.key.signin.SignInState;
import org.orgcert.key.signin.SignIns;
import org.orgcert.token.Token;

/**
 * The assistant's own pages, for the employer at this computer: the status page ({@code /}) with its forms, and
 * the confirm page of a sign-in ({@code /confirm/<id>}). Other sites must not be able to use them, so:
 * <ul>
 * <li>the connection must not be another local OS user's ({@link PeerUser}); when that cannot be told, a sign-in
 *     is confirmed only with the PIN, never with the PIN session;</li>
 * <li>{@code Host} must be {@code 127.0.0.1:port} or {@code localhost:port} (DNS rebinding);</li>
 * <li>a page is shown to a top-level visit or to itself ({@code Origin} absent or this assistant's own);</li>
 * <li>a form is taken only from this assistant's own origin ({@code Origin} = {@code http://<Host>}, and
 *     {@code Sec-Fetch-Site: same-origin} when the browser sends it), as a urlencoded body, with the page's
 *     one-time anti-CSRF token ({@link FormTokens});</li>
 * <li>answers forbid framing and scripts ({@link Html#POLICY}), so no other page can overlay or read them.</li>
 * </ul>
 */
final class OwnPage {
    private static final Pattern CONFIRM = Pattern.compile("/confirm/([A-Za-z0-9_-]{1,64})");
    private static final String STATUS = "status";

    private final TokenSource tokens;
    private final KeyAssistant assistant;
    private final SignIns signIns;
    private final Clock clock;
    private final Set<String> hosts;
    private final String unlockUrl;
    private final PageActions actions;
    private final FormTokens forms = new FormTokens();
    private final Map<String, Form> statusForms;

    /** A form of the status page: its fields (besides {@code csrf}), whether it needs the token, what it does. */
    private record Form(Set<String> fields, boolean token, BiFunction<Token, FormFields, String> action) {
    }

    /** A page to answer with. */
    private record Page(int status, String html, String code) {
    }

    OwnPage(TokenSource tokens, KeyAssistant assistant, ServiceClient service, SignIns signIns, Clock clock,
            Set<String> hosts) {
        this.tokens = tokens;
        this.assistant = assistant;
        this.signIns = signIns;
        this.clock = clock;
        this.hosts = hosts;
        this.unlockUrl = service.baseUrl() + "/my/certificate#unlock";
        this.actions = new PageActions(assistant, service, signIns, clock);
        this.statusForms = Map.of(
                "/pin", new Form(Set.of("oldPin", "newPin", "newPin2"), true, actions::changePin),
                "/renew", new Form(Set.of("pin"), true, actions::renew),
                "/fetch-successor", new Form(Set.of("pin"), true, actions::fetchSuccessor),
                "/pin-session", new Form(Set.of("pin"), true, actions::openPinSession),
                "/pin-session/close", new Form(Set.of(), false, (token, form) -> actions.closePinSession()));
    }

    LocalApi.Outcome handle(HttpExchange exchange, String method, String path, PeerUser.Result peer) {
        Headers response = exchange.getResponseHeaders();
        response.set("Content-Security-Policy", Html.POLICY);
        response.set("X-Frame-Options", "DENY");
        // not no-referrer: with it browsers send "Origin: null" on the page's own forms
        response.set("Referrer-Policy", "same-origin");
        Page page;
        try {
            page = answer(exchange, method, path, peer);
        } catch (Throwable failure) {
            ApiError error = ApiError.of(failure);
            page = new Page(error.status(), ConfirmPage.settled(Notice.failed(refusal(error, exchange))),
                    error.code() + (error.code().equals("internal") ? " (" + failure.getClass().getName() + ")" : ""));
        }
        try {
            if (page.status() == 413) {
                response.set("Connection", "close");
            }
            Exchanges.sendHtml(exchange, page.status(), page.html());
        } catch (IOException | RuntimeException ignored) {
            // the browser went away
        }
        return new LocalApi.Outcome(page.status(), page.code());
    }

    private Page answer(HttpExchange exchange, String method, String path, PeerUser.Result peer)
            throws IOException {
        if (peer == PeerUser.Result.OTHER_USER) {
            throw ApiError.otherUser();
        }
        Headers request = exchange.getRequestHeaders();
        String host = String.valueOf(request.getFirst("Host")).toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            throw new ApiError(403, "host-not-allowed", "Open the assistant as http://127.0.0.1.");
        }
        String own = "http://" + host;
        String origin = request.getFirst("Origin");
        boolean oneOrigin = request.get("Origin") == null || request.get("Origin").size() == 1;
        Matcher confirm = CONFIRM.matcher(path);
        if (method.equals("GET")) {
            if (!oneOrigin || (origin != null && !origin.equals(own))) {
                throw new ApiError(403, "origin-not-allowed", "Another site asked for this page.");
            }
            if (path.equals("/")) {
                return new Page(200, status(null), "");
            }
            if (confirm.matches()) {
                return showConfirm(confirm.group(1), peer, null, 200, "");
            }
            throw new ApiError(404, "not-found", "No such page.");
        }
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            throw new ApiError(405, "method-not-allowed", "GET and POST only.");
        }
        String site = request.getFirst("Sec-Fetch-Site");
        if (!oneOrigin || !own.equals(origin) || (site != null && !site.equals("same-origin"))) {
            throw new ApiError(403, "origin-not-allowed", "A form of another site, or without Origin.");
        }
        Form form = statusForms.get(path);
        if (form == null && !confirm.matches()) {
            throw new ApiError(404, "not-found", "No such form.");
        }
        if (!Exchanges.mediaType(exchange).equals("application/x-www-form-urlencoded")) {
            throw new ApiError(415, "unsupported-media-type", "Forms are urlencoded.");
        }
        byte[] raw = Exchanges.readBody(exchange);
        Set<String> fields = form != null ? form.fields() : Set.of("pin", "action");
        try (FormFields body = FormFields.read(raw, with(fields, "csrf"))) {
            String page = form != null ? STATUS : "confirm/" + confirm.group(1);
            if (!forms.consume(body.text("csrf"), page, clock.instant())) {
                throw new ApiError(403, "form-expired", "The form's anti-CSRF token is missing, used or another's.");
            }
            return form != null ? submit(form, body) : decide(confirm.group(1), peer, body);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Runs a status-page form; the answer is the status page with what came of it. */
    private Page submit(Form form, FormFields body) {
        try {
            String done;
            if (form.token()) {
                try (Token token = tokens.open()) {
                    done = form.action().apply(token, body);
                }
            } else {
                done = form.action().apply(null, body);
            }
            return new Page(200, status(Notice.done(done)), "");
        } catch (RuntimeException failure) {
            ApiError error = ApiError.of(failure);
            return new Page(error.status(), status(Notice.failed(Wording.failure(failure))), error.code());
        }
    }

    /** Confirms or refuses a sign-in. */
    private Page decide(String id, PeerUser.Result peer, FormFields body) {
        String action = body.text("action");
        try {
            if (action.equals("refuse")) {
                signIns.refuse(id);
                return new Page(200, ConfirmPage.settled(Notice.done("已经拒绝这次登录，网站不会得到签名。")), "");
            }
            if (!action.equals("confirm")) {
                throw ApiError.badRequest("Confirm or refuse.");
            }
            SignInRequest request = signIns.find(id).orElseThrow(() -> new SignInException(
                    SignInException.Reason.UNKNOWN_REQUEST, "No such request."));
            char[] pin = body.optional("pin");
            if (pin == null && !sessionUsable(peer)) {
                throw new ApiError(409, "pin-required", "Whose connection this is cannot be told: type the PIN.");
            }
            try (Token token = tokens.open()) {
                signIns.confirm(id, token, pin);
            }
            return new Page(200, ConfirmPage.settled(Notice.done("已经确认登录 " + request.origin()
                    + "。请回到网站继续。")), "");
        } catch (RuntimeException failure) {
            ApiError error = ApiError.of(failure);
            if (failure instanceof SignInException refused && (refused.reason() == SignInException.Reason.NOT_PENDING
                    || refused.reason() == SignInException.Reason.UNKNOWN_REQUEST)) {
                return new Page(error.status(), ConfirmPage.settled(Notice.failed(Wording.failure(failure))),
                        error.code());
            }
            // e.g. a wrong PIN: the same request, asked again
            return showConfirm(id, peer, Notice.failed(Wording.failure(failure)), error.status(), error.code());
        }
    }

    /**
     * Whether a sign-in may be confirmed with the PIN session, without the PIN: only when the connection is known to
     * be the assistant's own user's. Otherwise it could be a program of another user, who must not use the key
     * without the PIN (Windows, or /proc unreadable: see PeerUser).
     */
    private static boolean sessionUsable(PeerUser.Result peer) {
        return peer == PeerUser.Result.SAME_USER;
    }

    private Page showConfirm(String id, PeerUser.Result peer, Notice notice, int status, String code) {
        Optional<SignInRequest> found = signIns.find(id);
        if (found.isEmpty()) {
            return new Page(404, ConfirmPage.settled(Notice.failed(Wording.failure(new SignInException(
                    SignInException.Reason.UNKNOWN_REQUEST, "")))), "not-found");
        }
        SignInRequest request = found.get();
        SignInState state = signIns.state(request);
        if (state != SignInState.PENDING) {
            return new Page(409, ConfirmPage.settled(Notice.failed(settledSentence(state))), "not-pending");
        }
        String csrf = forms.issue("confirm/" + id, clock.instant());
        // without the session the page has a PIN field, so the employer can still confirm
        Optional<java.time.Instant> session = sessionUsable(peer) ? signIns.pinSession().openUntil(clock.instant())
                : Optional.empty();
        return new Page(status, ConfirmPage.render(new ConfirmPage.Model(request, employer(), session, notice, csrf)),
                code);
    }

    private static String settledSentence(SignInState state) {
        return switch (state) {
            case SIGNED -> "这次登录已经确认过了。";
            case REFUSED -> "这次登录已经拒绝了。";
            case EXPIRED -> "这个登录请求已经过期（超过2分钟没有确认）。请回到网站重新点“用USB Key登录”。";
            case PENDING -> "";
        };
    }

    /** The employer the key's certificate names, or null when it cannot be read now. */
    private String employer() {
        try (Token token = tokens.open()) {
            return token.certificate().map(der -> CertificateSummary.parse(der).employerName()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The status page, with a new anti-CSRF token. */
    private String status(Notice notice) {
        KeyInfo info = null;
        Throwable unreadable = null;
        try (Token token = tokens.open()) {
            info = assistant.info(token);
        } catch (RuntimeException e) {
            unreadable = e;
        }
        return StatusPage.render(new StatusPage.Model(info, unreadable, signIns.pinSession().openUntil(clock.instant()),
                signIns.approved(), notice, forms.issue(STATUS, clock.instant()), unlockUrl));
    }

    /** The sentence for a request refused before it reached a form or page. */
    private static String refusal(ApiError error, HttpExchange exchange) {
        return switch (error.code()) {
            case "host-not-allowed" -> "请在地址栏输入 http://127.0.0.1:" + exchange.getLocalAddress().getPort()
                    + "/ 打开USB Key助手。";
            case "origin-not-allowed" -> "为安全起见，助手不接受从其他网站提交或打开的这个页面。请直接在地址栏打开 http://127.0.0.1:"
                    + exchange.getLocalAddress().getPort() + "/ 再操作。";
            case "not-found" -> "没有这个页面。";
            default -> Wording.failure(error);
        };
    }

    private static Set<String> with(Set<String> fields, String more) {
        java.util.Set<String> all = new java.util.HashSet<>(fields);
        all.add(more);
        return all;
    }
}
