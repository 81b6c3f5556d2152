package org.orgcert.server.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.domain.Refusal;

/**
 * A refused form's problems per field ({@link Refusal}'s {@code errors}) as keys of the employer pages'
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

    /** The apply wizard's fields → message keys ({@code my.apply.error.*}). */
    static Map<String, String> of(Refusal problem) {
        return of(problem, "my.apply.error.", KNOWN);
    }

    /**
     * Field → message key ({@code prefix + field} for a known field, {@code prefix + "other"} otherwise); a
     * problem without fields is under {@code form}.
     */
    static Map<String, String> of(Refusal problem, String prefix, Set<String> known) {
        Map<String, String> keys = new LinkedHashMap<>();
        Object errors = problem.fieldErrors();
        if (errors instanceof Map<?, ?> fields && !fields.isEmpty()) {
            fields.keySet().forEach(field -> keys.put(field.toString(),
                    known.contains(field.toString()) ? prefix + field : prefix + "other"));
        } else {
            keys.put("form", prefix + "other");
        }
        return keys;
    }
}
