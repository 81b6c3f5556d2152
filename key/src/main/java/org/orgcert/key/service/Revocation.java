package org.orgcert.key.service;

import java.time.Instant;

/**
 * A certificate ended by a loss, damage or cancellation report (R-FEE-2).
 *
 * @param serial    the revoked certificate's serial in hex
 * @param state     {@code REVOKED}
 * @param reason    the RFC 5280 reason relying platforms see ({@code keyCompromise}, {@code cessationOfOperation})
 * @param revokedAt when
 */
public record Revocation(String serial, String state, String reason, Instant revokedAt) {
}
