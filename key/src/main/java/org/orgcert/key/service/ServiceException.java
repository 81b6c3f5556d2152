package org.orgcert.key.service;

import java.util.Map;

/**
 * The service refused a request or could not be reached. {@link #code()} is the stable problem type (the last
 * path segment of an RFC 9457 {@code type}, e.g. {@code renewal-not-open}) to decide on; {@link #detail()} is
 * the service's sentence to show the person as it is.
 *
 * <p>Codes made up on this side: {@value #UNREACHABLE} (no answer at all: status 0), {@value #UNEXPECTED}
 * (an answer that is not what the API promises) and {@code http-<status>} (an error without a problem body).
 */
public class ServiceException extends RuntimeException {
    /** The service did not answer (connection refused, time-out, TLS failure). */
    public static final String UNREACHABLE = "service-unreachable";
    /** The service answered with something the API does not describe. */
    public static final String UNEXPECTED = "unexpected-response";

    private final int status;
    private final String code;
    private final String detail;
    private final Map<String, String> properties;

    /**
     * A refusal or failure.
     *
     * @param status     the HTTP status, or 0 when the service did not answer
     * @param code       the problem type's last segment
     * @param detail     a sentence for a person
     * @param properties extra problem properties with text or number values (e.g. {@code opensOn})
     */
    public ServiceException(int status, String code, String detail, Map<String, String> properties, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.properties = Map.copyOf(properties);
    }

    static ServiceException unreachable(String detail, Throwable cause) {
        return new ServiceException(0, UNREACHABLE, detail, Map.of(), cause);
    }

    static ServiceException unexpected(int status, String detail) {
        return new ServiceException(status, UNEXPECTED, detail, Map.of(), null);
    }

    /** The HTTP status, or 0 when the service did not answer. */
    public int status() {
        return status;
    }

    /** The stable problem code, e.g. {@code renewal-not-open}. */
    public String code() {
        return code;
    }

    /** The sentence to show. */
    public String detail() {
        return detail;
    }

    /** Extra properties of the problem (e.g. {@code opensOn}, {@code successor}), as text. */
    public Map<String, String> properties() {
        return properties;
    }
}
