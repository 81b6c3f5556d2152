package org.orgcert.server.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.web.ApiProblem;

/**
 * A refused form's problems per field ({@link ApiProblem}'s {@code errors}) as keys of the employer pages'
 * texts, so each is said next to its field in the visitor's language: the service explains in English (or
 * both languages), the page in the reader's.
 */
final class FieldMessages {
    /** Fields that have their own text ({@code my.apply.error.<field>}); others say "check this field". */
    static final Set<String> KNOWN = Set.of("kind", "category", "agentName", "legalRepresentative", "channel",
            "delivery", "windowId", "mailingAddress", "mailingAddress.recipient", "mailingAddress.phone",
            "mailingAddress.province", "mailingAddress.city", "mailingAddress.district", "mailingAddress.street",
            "mailingAddress.postalCode");

    private FieldMessages() {
    }

    /** Field → message key; a problem without fields is under {@code form}. */
    static Map<String, String> of(ApiProblem problem) {
        Map<String, String> keys = new LinkedHashMap<>();
        Object errors = problem.getBody().getProperties() == null ? null
                : problem.getBody().getProperties().get("errors");
        if (errors instanceof Map<?, ?> fields && !fields.isEmpty()) {
            fields.keySet().forEach(field -> keys.put(field.toString(),
                    KNOWN.contains(field.toString()) ? "my.apply.error." + field : "my.apply.error.other"));
        } else {
            keys.put("form", "my.apply.error.other");
        }
        return keys;
    }
}
