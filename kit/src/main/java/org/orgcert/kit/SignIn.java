package org.orgcert.kit;

import java.time.Instant;

/**
 * An accepted sign-in: who signed in, for which platform and page, and the assistant's presence hash (keep
 * it with the session: the assistant may later say the key was removed, docs/signin.md).
 *
 * @param employer    the employer the certificate names
 * @param platform    the platform's client id
 * @param origin      the page's origin
 * @param presence    SHA-256 of the assistant's presence secret, base64url (43 characters)
 * @param challenged  when the challenge was issued
 * @param certificate SHA-256 of the certificate's DER, lower-case hex
 */
public record SignIn(EmployerIdentity employer, String platform, String origin, String presence, Instant challenged,
        String certificate) {
}
