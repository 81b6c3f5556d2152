package org.orgcert.server.signin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.orgcert.server.domain.Refusal;

/**
 * A platform's authorization request as the sign-in page carries it: the query of {@code /oauth2/authorize}, read
 * once and the same way for every use (which platform asks, and the parameters the authorization endpoint gets).
 *
 * @param query      as the page carried it
 * @param parameters decoded, each name with its values in order
 */
record AuthorizationQuery(String query, Map<String, String[]> parameters) {
    /** The longest query a page carries: far above a real one, far below a server's limit. */
    static final int MAX_LENGTH = 4096;
    /** The characters of a URI's query (RFC 3986): nothing that could end an attribute, a header or a line. */
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*");

    /**
     * Reads {@code query}.
     *
     * @throws Refusal {@link SignInRefusal#UNKNOWN_PLATFORM} when it is missing, too long, not a URI's query, or holds
     *         a broken escape: no platform's request
     */
    static AuthorizationQuery parse(String query) {
        if (query == null || query.length() > MAX_LENGTH || !QUERY.matcher(query).matches()) {
            throw notARequest();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        try {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
        } catch (IllegalArgumentException brokenEscape) {
            throw notARequest();
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return new AuthorizationQuery(query, Collections.unmodifiableMap(parameters));
    }

    /** The one client id the request names, or null (none, or more than one). */
    String clientId() {
        String[] ids = parameters.get("client_id");
        return ids == null || ids.length != 1 ? null : ids[0];
    }

    private static Refusal notARequest() {
        return new Refusal(SignInRefusal.UNKNOWN_PLATFORM, "no platform asked for a sign-in: start at the platform");
    }
}
