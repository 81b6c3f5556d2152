package org.orgcert.server.portal;

import java.util.Map;
import java.util.Optional;
import org.orgcert.server.application.ApplicationState;

/**
 * Which list a workbench queue opens: most queues are the applications in one state (the window clerk's and
 * the CA's own counts are of those lists); customer service's unlock, information-change, payment and invoice queues open
 * sections of its own page.
 */
final class StaffQueues {
    private static final Map<String, ApplicationState> STATES = Map.ofEntries(
            Map.entry("to-forward", ApplicationState.SUBMITTED), Map.entry("at-window", ApplicationState.AT_WINDOW),
            Map.entry("notified", ApplicationState.NOTIFIED), Map.entry("phone-notices", ApplicationState.AT_WINDOW),
            Map.entry("to-receive", ApplicationState.FORWARDED), Map.entry("submitted", ApplicationState.SUBMITTED),
            Map.entry("awaiting-payment", ApplicationState.AWAITING_PAYMENT),
            Map.entry("to-review", ApplicationState.RECEIVED), Map.entry("under-review", ApplicationState.UNDER_REVIEW),
            Map.entry("returned-for-merge", ApplicationState.RETURNED_FOR_MERGE),
            Map.entry("phone-confirmation", ApplicationState.AWAITING_PHONE_CONFIRMATION),
            Map.entry("to-produce", ApplicationState.APPROVED), Map.entry("in-production", ApplicationState.IN_PRODUCTION),
            Map.entry("to-deliver", ApplicationState.PRODUCED), Map.entry("shipped", ApplicationState.SHIPPED));

    private StaffQueues() {
    }

    /** Customer service's queues that are not lists of applications: sections of its own page. */
    private static final java.util.Set<String> SERVICE = java.util.Set.of("unlock-requests",
            "information-changes", "unmatched-payments", "invoice-requests");

    /** The page queue {@code name} opens, or null. */
    static String href(String name) {
        if (SERVICE.contains(name)) {
            return "/staff/service#" + name;
        }
        return state(name).map(s -> "/staff/queues/" + s.name()).orElse(null);
    }

    /**
     * The name of the list of {@code state} among a role's queues ({@code roleQueues}, in workbench order), for
     * the list's title: a window clerk's SUBMITTED list is their "to forward" queue, not "submitted". Empty when
     * none of them opens it (an administrator's state-named queues: the state's own name is the title).
     */
    static Optional<String> listName(ApplicationState state, java.util.List<String> roleQueues) {
        return roleQueues.stream().filter(name -> STATES.get(name) == state).findFirst();
    }

    /** The state whose list queue {@code name} opens; an administrator's queues are named after states. */
    static Optional<ApplicationState> state(String name) {
        ApplicationState state = STATES.get(name);
        if (state != null) {
            return Optional.of(state);
        }
        try {
            return Optional.of(ApplicationState.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException notAState) {
            return Optional.empty();
        }
    }
}
