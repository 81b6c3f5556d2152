package org.orgcert.server.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.audit.AuditRecord;
import org.orgcert.server.calendar.ShanghaiTime;

/**
 * An application's progress as its employer follows it: every step of its channel and delivery (R-CH-1..7), which
 * one it is at now, the day each step done was done and what to expect of the steps to come
 * ({@link ExpectedDates}), and the EMS waybill once the key is shipped.
 *
 * @param steps      the steps in order
 * @param waybill    the EMS waybill number once shipped, else null
 * @param stopped    true when the application ended before its last step (rejected, declined, withdrawn, not
 *                   collected): the steps not done will not happen
 * @param expected   the dates to expect
 */
public record Progress(List<Step> steps, String waybill, boolean stopped, ExpectedDates.Expected expected) {

    /** A step of a channel, as the employer sees it. */
    public enum Stage {
        SUBMIT, FORWARD, RECEIVE, REVIEW, PAY, PRODUCE, HAND_OVER, SHIP, DELIVER, ARRIVE, NOTIFY, COLLECT, WRITE_TO_KEY
    }

    /** Where a step is. */
    public enum Status {
        DONE, CURRENT, TO_COME, NOT_REACHED
    }

    /**
     * One step.
     *
     * @param doneOn     the day it was done, when done (and recorded)
     * @param expectedBy for a step to come, the day it is expected by when the rules give one, else null
     */
    public record Step(Stage stage, Status status, LocalDate doneOn, LocalDate expectedBy) {
        /** For the page: {@code done}, {@code current}, {@code to-come} or {@code not-reached}. */
        public String css() {
            return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What each step's completion is recorded as in the application's history. */
    private static final Map<Stage, Set<String>> DONE_BY = Map.ofEntries(
            Map.entry(Stage.SUBMIT, Set.of("application.submitted")),
            Map.entry(Stage.FORWARD, Set.of("application.forward")),
            Map.entry(Stage.RECEIVE, Set.of("application.receive")),
            Map.entry(Stage.REVIEW, Set.of("application.approve", "application.approve-online")),
            Map.entry(Stage.PAY, Set.of("application.payment-settled")),
            Map.entry(Stage.PRODUCE, Set.of("application.complete-production")),
            Map.entry(Stage.HAND_OVER, Set.of("application.hand-over")),
            Map.entry(Stage.SHIP, Set.of("application.ship")),
            Map.entry(Stage.DELIVER, Set.of("application.confirm-delivery")),
            Map.entry(Stage.ARRIVE, Set.of("application.arrive-at-window")),
            Map.entry(Stage.NOTIFY, Set.of("application.notify")),
            Map.entry(Stage.COLLECT, Set.of("application.collect")),
            Map.entry(Stage.WRITE_TO_KEY, Set.of("application.deliver-online")));

    /** The steps of {@code application}'s channel and delivery; PAY only once the employer is known to owe. */
    static List<Stage> stagesOf(Channel channel, Delivery delivery, boolean pays) {
        List<Stage> stages = new ArrayList<>(List.of(Stage.SUBMIT));
        if (channel == Channel.WINDOW) {
            stages.add(Stage.FORWARD);
        }
        if (channel != Channel.ONLINE) {
            stages.add(Stage.RECEIVE);
        }
        stages.add(Stage.REVIEW);
        if (pays) {
            stages.add(Stage.PAY);
        }
        stages.add(Stage.PRODUCE);
        stages.addAll(switch (delivery) {
            case ON_THE_SPOT -> List.of(Stage.HAND_OVER);
            case MAIL -> List.of(Stage.SHIP, Stage.DELIVER);
            case WINDOW_PICKUP -> List.of(Stage.ARRIVE, Stage.NOTIFY, Stage.COLLECT);
            case TO_TOKEN -> List.of(Stage.WRITE_TO_KEY);
        });
        return stages;
    }

    /** The step an application in {@code state} is at; null when every step is done or it stopped. */
    static Stage current(ApplicationState state, Channel channel, Delivery delivery) {
        return switch (state) {
            case SUBMITTED -> channel == Channel.WINDOW ? Stage.FORWARD
                    : channel == Channel.ONLINE ? Stage.REVIEW : Stage.RECEIVE;
            case FORWARDED -> Stage.RECEIVE;
            case RECEIVED, UNDER_REVIEW, RETURNED_FOR_MERGE, AWAITING_PHONE_CONFIRMATION -> Stage.REVIEW;
            case AWAITING_PAYMENT -> Stage.PAY;
            case APPROVED, IN_PRODUCTION -> Stage.PRODUCE;
            case PRODUCED -> switch (delivery) {
                case ON_THE_SPOT -> Stage.HAND_OVER;
                case MAIL -> Stage.SHIP;
                case WINDOW_PICKUP -> Stage.ARRIVE;
                case TO_TOKEN -> Stage.WRITE_TO_KEY;
            };
            case SHIPPED -> Stage.DELIVER;
            case AT_WINDOW -> Stage.NOTIFY;
            case NOTIFIED -> Stage.COLLECT;
            default -> null;
        };
    }

    /** {@code application}'s progress from its own history, with the dates {@code dates} expects. */
    static Progress of(Application application, List<AuditRecord> history, ExpectedDates dates) {
        Map<String, Instant> last = new HashMap<>();
        for (AuditRecord record : history) {
            last.merge(record.entry().action(), record.occurredAt(), (a, b) -> b.isAfter(a) ? b : a);
        }
        Channel channel = application.form().channel();
        Delivery delivery = application.form().delivery();
        ApplicationState state = application.state();
        boolean pays = state == ApplicationState.AWAITING_PAYMENT || last.containsKey("application.await-payment");
        // Production may start on approval with nothing owed, or once the payment is settled.
        LocalDate mayStart = null;
        if (state == ApplicationState.APPROVED || state == ApplicationState.IN_PRODUCTION) {
            mayStart = day(pays ? last.get("application.payment-settled") : latest(last, DONE_BY.get(Stage.REVIEW)));
        }
        ExpectedDates.Expected expected = dates.expect(delivery, ShanghaiTime.dateOf(application.submittedAt()),
                mayStart, application.productionDue());
        List<Stage> stages = stagesOf(channel, delivery, pays);
        Stage current = current(state, channel, delivery);
        boolean stopped = current == null && !Set.of(ApplicationState.HANDED_OVER, ApplicationState.DELIVERED,
                ApplicationState.COLLECTED).contains(state);
        int at = current == null ? (stopped ? -1 : stages.size()) : stages.indexOf(current);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            LocalDate doneOn = stage == Stage.SUBMIT ? ShanghaiTime.dateOf(application.submittedAt())
                    : day(latest(last, DONE_BY.get(stage)));
            Status status;
            if (stopped) {
                status = doneOn != null ? Status.DONE : Status.NOT_REACHED;
            } else {
                status = i < at ? Status.DONE : i == at ? Status.CURRENT : Status.TO_COME;
            }
            steps.add(new Step(stage, status, status == Status.DONE ? doneOn : null,
                    status == Status.CURRENT || status == Status.TO_COME ? expectedBy(stage, expected) : null));
        }
        return new Progress(List.copyOf(steps), application.waybill(), stopped, expected);
    }

    private static LocalDate expectedBy(Stage stage, ExpectedDates.Expected expected) {
        return switch (stage) {
            case PRODUCE, SHIP, HAND_OVER -> expected.producedBy();
            case NOTIFY -> expected.phonedUntil();
            case COLLECT -> expected.collectBy();
            default -> null;
        };
    }

    private static Instant latest(Map<String, Instant> last, Set<String> actions) {
        return actions.stream().map(last::get).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : ShanghaiTime.dateOf(instant);
    }
}
