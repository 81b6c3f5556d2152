package org.orgcert.key.local;

/**
 * Where the local API writes one line per request: method, path (never the query), status and error code.
 * Bodies, and so PINs and unblock responses, are never written.
 */
@FunctionalInterface
public interface AccessLog {
    /** Writes one line. */
    void line(String line);

    /** Writes nothing. */
    AccessLog NONE = line -> { };
}
