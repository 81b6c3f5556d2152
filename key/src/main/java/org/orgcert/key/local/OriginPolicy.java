package org.orgcert.key.local;

import java.util.List;

/**
 * Which web origins may call which endpoints of the local API. The bureau's own pages (the service's origin, and
 * any {@code --allowed-origin}) use the whole API: renewal, unlock, PIN change, raw signing. A relying platform's
 * pages (the origins the provider registers) may only read the token ({@code GET /v1/token}) and ask to sign in
 * ({@code /v1/signin}), which the employer confirms on the assistant's own page: a platform that collected the PIN
 * in its page must still not be able to have the key sign anything else, change the PIN or unblock the key.
 */
public interface OriginPolicy {
    /** Origins whose pages may use the whole API. */
    AllowedOrigins trusted();

    /** Origins whose pages may read the token and sign in, and nothing else (may overlap {@link #trusted()}). */
    AllowedOrigins platforms();

    /** Every origin that may call at all. */
    default AllowedOrigins all() {
        return platforms().values().isEmpty() ? trusted() : trusted().plus(platforms());
    }

    /** A policy that does not change. */
    static OriginPolicy fixed(AllowedOrigins trusted, List<String> platforms) {
        AllowedOrigins listed = AllowedOrigins.ofOrNone(platforms);
        return new OriginPolicy() {
            @Override
            public AllowedOrigins trusted() {
                return trusted;
            }

            @Override
            public AllowedOrigins platforms() {
                return listed;
            }
        };
    }
}
