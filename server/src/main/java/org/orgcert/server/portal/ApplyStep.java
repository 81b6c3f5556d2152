package org.orgcert.server.portal;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of the apply wizard, in order, each with the form fields whose problems it shows. The rules stay
 * in {@code ApplicationService.checkForm}: a step posts its answers, the whole draft is checked, and the step
 * shows only the problems of its own fields (later steps are not answered yet).
 */
enum ApplyStep {
    /** Which employer, new or additional, kind of employer, in person or by an agent (R-MAT-1, R-MAT-2, R-MAT-5). */
    EMPLOYER(PortalPaths.MY_APPLY_EMPLOYER, "employerId", "legalRepresentative", "employerName", "uscc", "kind",
            "category", "agentName"),
    /** The papers to prepare (R-MAT-1..4); the ticks are the agent's own and check nothing. */
    MATERIALS(PortalPaths.MY_APPLY_MATERIALS),
    /** Where the papers go in and how the key comes out: one of the pairs of the R-CH table. */
    CHANNEL(PortalPaths.MY_APPLY_CHANNEL, "channel", "delivery"),
    /** The window of the 18 (R-CH-4, R-CH-8) and/or the mailing address (R-MAT-4); skipped when neither applies. */
    WINDOW_OR_ADDRESS(PortalPaths.MY_APPLY_WINDOW_OR_ADDRESS, "windowId", "mailingAddress",
            "mailingAddress.recipient", "mailingAddress.phone", "mailingAddress.province", "mailingAddress.city",
            "mailingAddress.district", "mailingAddress.street", "mailingAddress.postalCode"),
    /** Everything once more with the final materials list, then the one submission. */
    REVIEW(PortalPaths.MY_APPLY_REVIEW);

    /**
     * Service fields without a control of their own, shown at the control that decides them: the register's
     * entry comes with the employer chosen, the channel and the delivery are one choice of an R-CH pair.
     */
    private static final Map<String, String> SHOWN_AT = Map.of("legalRepresentative", "employerId",
            "employerName", "employerId", "uscc", "employerId", "channel", "route", "delivery", "route");
    /** The address's fields are the step's inputs by their own names ({@code mailingAddress.city} → {@code city}). */
    private static final String ADDRESS = "mailingAddress.";

    private final String path;
    private final List<String> fields;

    ApplyStep(String path, String... fields) {
        this.path = path;
        this.fields = List.of(fields);
    }

    /** The step's page, e.g. {@code /my/apply/channel} (public: templates call it). */
    public String path() {
        return path;
    }

    /** The last part of the path, as in {@code /my/apply/{step}}. */
    String slug() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * This step's share of a refused form's problems (field → text key), in the order of the page and under the
     * control that shows each, so the first is the field to focus.
     */
    Map<String, String> errors(Map<String, String> problems) {
        Map<String, String> shown = new LinkedHashMap<>();
        fields.stream().filter(problems::containsKey)
                .forEach(field -> shown.putIfAbsent(shownAt(field), problems.get(field)));
        return shown;
    }

    private static String shownAt(String field) {
        return field.startsWith(ADDRESS) ? field.substring(ADDRESS.length()) : SHOWN_AT.getOrDefault(field, field);
    }

    /** The step at {@code /my/apply/{slug}}. */
    static Optional<ApplyStep> withSlug(String slug) {
        return Arrays.stream(values()).filter(step -> step.slug().equals(slug)).findFirst();
    }

    /** The first step that shows one of these fields: where a refused submission sends the agent back. */
    static Optional<ApplyStep> showing(Collection<String> fields) {
        return Arrays.stream(values()).filter(step -> fields.stream().anyMatch(step.fields::contains)).findFirst();
    }
}
