package org.orgcert.server.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The refusals the certificate page's script ({@code /assets/my-key.js}) may receive, as sentences in the
 * page's language, rendered into the page as JSON: the script gets only the USB-key assistant's
 * {@code {"error", "detail"}} and the service's problem+json, whose {@code detail} is English for API callers
 * and never shown. The assistant's own codes (docs/key-assistant.md) have {@code my.cert.assistant.error.<code>};
 * the service's types, called by the page (unlock requests) or relayed by the assistant (renewal, successor),
 * have the portal's {@code problem.<type>}. A code without a text is the generic sentence of its source.
 * Arguments stay {@code {name}} placeholders that the script fills from the answer's properties.
 */
@Component
class KeyRefusalTexts {
    static final String ASSISTANT_PREFIX = "my.cert.assistant.error.";
    /** Every error code of the assistant's local API, from its token, itself and its service client. */
    static final List<String> ASSISTANT_CODES = List.of(
            // the token (TokenException.Kind)
            "wrong-pin", "locked", "pin-policy", "wrong-unblock-response", "unblock-exhausted", "no-key",
            "certificate-mismatch", "tampered", "unsupported-algorithm", "malformed", "device",
            // the assistant (KeyAssistantException.Kind)
            "no-certificate", "bad-certificate", "unexpected-challenge", "certificate-not-written", "no-successor",
            "not-approved", "device-key",
            // the service could not be asked or answered nonsense (ServiceException)
            "service-unreachable", "unexpected-response",
            // the local API itself (LocalApi, ApiError)
            "bad-request", "origin-not-allowed", "host-not-allowed", "not-found", "method-not-allowed",
            "unsupported-media-type", "body-too-large", "internal");
    /** The answer properties an assistant text quotes, as {@code {name}}. */
    static final Map<String, List<String>> ASSISTANT_ARGUMENTS = Map.of("wrong-pin", List.of("retriesLeft"));
    /**
     * The service's refusals of the calls behind the script: renewal (R-REN-2) and the successor (R-FEE-1 c)
     * through the assistant, unlock requests (R-FEE-1 d) from the page itself.
     */
    static final List<String> SERVICE_TYPES = List.of(
            "renewal-not-open", "certificate-expired", "certificate-revoked", "already-renewed", "stale-nonce",
            "bad-signature", "unknown-certificate", "no-price", "calendar-year-missing", "no-successor",
            "invalid-challenge", "unknown-token", "unknown-request", "unlock-rate-limited", "unauthenticated",
            "employer-agent-only", "not-your-employer", "invalid-input");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;
    private final RefusalTexts refusals;

    KeyRefusalTexts(MessageSource messages, RefusalTexts refusals) {
        this.messages = messages;
        this.refusals = refusals;
    }

    /** What the script reads: code → text for each source, and each source's generic text. */
    record Texts(Map<String, String> assistant, Map<String, String> service, String assistantOther,
            String serviceOther) {
    }

    /** The texts in {@code locale}. */
    Texts texts(Locale locale) {
        Map<String, String> assistant = new LinkedHashMap<>();
        for (String code : ASSISTANT_CODES) {
            assistant.put(code, messages.getMessage(new DefaultMessageSourceResolvable(
                    new String[] {ASSISTANT_PREFIX + code, ASSISTANT_PREFIX + "other"},
                    RefusalTexts.placeholders(ASSISTANT_ARGUMENTS.getOrDefault(code, List.of()))), locale));
        }
        Map<String, String> service = new LinkedHashMap<>();
        SERVICE_TYPES.forEach(type -> service.put(type, refusals.template(type, locale)));
        return new Texts(assistant, service, messages.getMessage(ASSISTANT_PREFIX + "other", null, locale),
                messages.getMessage(RefusalTexts.OTHER, null, locale));
    }

    /**
     * {@link #texts} as JSON for a {@code <script type="application/json">} block; {@code <} is escaped so that
     * no text can end the block.
     */
    String json(Locale locale) {
        return JSON.writeValueAsString(texts(locale)).replace("<", "\\u003c");
    }
}
