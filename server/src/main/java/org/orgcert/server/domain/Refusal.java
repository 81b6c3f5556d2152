package org.orgcert.server.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain refusal: the service says no, with a typed code ({@link RefusalCode}, from the refusing
 * capability's enum), a sentence for an API caller and, for form input, a message per field. Thrown before
 * anything changes, or inside the transaction it then rolls back. It knows nothing of HTTP: the web edge
 * turns it into RFC 9457 problem+json, a page into its text in the reader's language.
 *
 * <p>No stack trace: a refusal is an expected answer, not a fault, and is never logged as one.
 */
public final class Refusal extends RuntimeException {
    private final transient RefusalCode code;
    private final Map<String, String> fieldErrors;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /** A refusal of {@code code}; {@link RefusalCode#refuse} is the usual way to make one. */
    public Refusal(RefusalCode code, String detail) {
        this(code, detail, Map.of());
    }

    private Refusal(RefusalCode code, String detail, Map<String, String> fieldErrors) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** Input with a problem per field ({@link CommonRefusal#INVALID_INPUT}); the map's order is kept. */
    public static Refusal invalidFields(String detail, Map<String, String> fieldErrors) {
        return new Refusal(CommonRefusal.INVALID_INPUT, detail, fieldErrors);
    }

    /** Adds a structured property an API caller or page may use (e.g. {@code opensOn}); returns this. */
    public Refusal with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** The code. */
    public RefusalCode code() {
        return code;
    }

    /** The code's kind. */
    public RefusalKind kind() {
        return code.kind();
    }

    /** The code's stable type, e.g. {@code transition-not-allowed}. */
    public String type() {
        return code.type();
    }

    /** The sentence for an API caller (English; pages show their own text by the code). */
    public String detail() {
        return getMessage();
    }

    /** A message per offending field, in the order found; empty when the refusal is not about fields. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The structured properties added with {@link #with}. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }
}
