package org.orgcert.kit;

import java.time.Instant;

/**
 * A sign-in challenge as issued (docs/signin.md, "The challenge the key signs"). Hand {@link #text} to the
 * page, which passes it to the employer's assistant.
 *
 * @param text        the six lines the assistant signs (plus its presence line)
 * @param platform    the relying platform's client id
 * @param origin      the origin of the page that asks the assistant
 * @param nonce       32 random bytes, base64url without padding
 * @param time        when it was issued, to the second
 * @param certificate SHA-256 of the certificate's DER, lower-case hex
 */
public record Challenge(String text, String platform, String origin, String nonce, Instant time, String certificate) {
}
