package org.orgcert.key.signin;

import java.time.Instant;

/**
 * A sign-in the employer confirmed, for the list on the assistant's page.
 *
 * @param at           when it was signed
 * @param platformName the name the platform's page gave (not verified)
 * @param platform     the client id in the challenge
 * @param origin       the verified origin of the page that asked
 */
public record ApprovedSignIn(Instant at, String platformName, String platform, String origin) {
}
