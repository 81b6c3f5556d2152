package org.orgcert.server.signin;

import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in with the USB key, as the provider recorded it: whom the tokens name (docs/signin.md, claims).
 *
 * @param id           the sign-in's id (the ID token's {@code sid})
 * @param uscc         the employer's unified social credit code (the {@code sub})
 * @param employerName the employer's registered name
 * @param ca           the issuing CA's label
 * @param serialHex    the certificate's serial, upper-case hex
 * @param notAfter     when the certificate expires
 * @param hardwareKey  whether the key is a USB key ({@code amr} hwk) rather than a software token (swk)
 * @param platform     the client id of the platform it was made for
 * @param at           when
 */
public record KeySignIn(UUID id, String uscc, String employerName, String ca, String serialHex, Instant notAfter,
        boolean hardwareKey, String platform, Instant at) implements java.io.Serializable {

    /** The authentication method references (RFC 8176): the kind of key, and the PIN the assistant asked. */
    public java.util.List<String> amr() {
        return java.util.List.of(hardwareKey ? "hwk" : "swk", "pin");
    }
}
