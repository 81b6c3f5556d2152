package org.orgcert.server.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a platform proves itself at the provider's token endpoint. PKCE is required of every platform either way;
 * a secret adds the platform's back end as a second proof.
 */
public enum ClientAuthentication {
    /** A secret we generate, sent with HTTP Basic ({@code client_secret_basic}); we keep only its hash. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A public client ({@code none}): no secret, PKCE alone binds the code to whoever asked for it. */
    NONE("none");

    private final String value;

    ClientAuthentication(String value) {
        this.value = value;
    }

    /** The OAuth name, as the API and the table write it. */
    public String value() {
        return value;
    }

    /** The method named {@code value} (the OAuth name), or empty. */
    public static Optional<ClientAuthentication> of(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
