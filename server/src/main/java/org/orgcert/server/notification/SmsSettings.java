package org.orgcert.server.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How SMS leave the outbox ({@code orgcert.sms.*}; docs/operations.md, "SMS gateway").
 *
 * @param gateway    {@code outbox-only} (default: nothing is sent, messages wait in the outbox) or {@code smpp}
 * @param smpp       the operator's SMPP gateway, when {@code gateway=smpp}
 * @param retryFirst the wait after a first failed attempt; doubled after each further one
 * @param retryMax   the longest wait between two attempts
 */
@ConfigurationProperties("orgcert.sms")
public record SmsSettings(String gateway, Smpp smpp, Duration retryFirst, Duration retryMax) {
    public static final String OUTBOX_ONLY = "outbox-only";
    public static final String SMPP = "smpp";

    public SmsSettings {
        gateway = gateway == null || gateway.isBlank() ? OUTBOX_ONLY : gateway.trim();
        smpp = smpp == null ? new Smpp(null, 0, null, null, null, null, null, false, null, null, null) : smpp;
        retryFirst = retryFirst == null ? Duration.ofSeconds(30) : retryFirst;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        if (!gateway.equals(OUTBOX_ONLY) && !gateway.equals(SMPP)) {
            throw new IllegalArgumentException("orgcert.sms.gateway must be outbox-only or smpp, not " + gateway);
        }
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones (at least one). */
    public Duration backoff(int attempts) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }

    /**
     * An SMPP 3.4 gateway (bound as transmitter).
     *
     * @param host            the gateway's host name or address
     * @param port            its port
     * @param systemId        the account (system_id)
     * @param password        the account's password (a secret: never logged); or
     * @param passwordFile    a file holding it (read at start, a trailing line break dropped)
     * @param systemType      system_type, if the operator asks for one
     * @param sourceAddress   the sender number or service code (source_addr), e.g. 106…
     * @param tls             connect over TLS
     * @param connectTimeout  how long to wait for the connection and the bind (default 5 s)
     * @param responseTimeout how long to wait for each submit_sm_resp (default 5 s)
     * @param enquireLink     how often an idle session sends enquire_link (default 30 s)
     */
    public record Smpp(String host, int port, String systemId, String password, String passwordFile,
            String systemType, String sourceAddress, boolean tls, Duration connectTimeout, Duration responseTimeout,
            Duration enquireLink) {
        public Smpp {
            port = port == 0 ? 2775 : port;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            responseTimeout = responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout;
            enquireLink = enquireLink == null ? Duration.ofSeconds(30) : enquireLink;
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Smpp[host=" + host + ", port=" + port + ", systemId=" + systemId + ", password="
                    + (password == null || password.isEmpty() ? "(none)" : "(set)") + ", passwordFile=" + passwordFile
                    + ", systemType=" + systemType + ", sourceAddress=" + sourceAddress + ", tls=" + tls + "]";
        }
    }
}
