package org.orgcert.server.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationTransitions;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.Guard;
import org.orgcert.server.application.TransitionGuard;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review against the unemployment-insurance records (R-REV-1..3): runs the check, moves the application
 * as the outcome requires, handles the phone confirmation, and refuses approval until the records agree.
 */
@Service
public class ReviewService implements TransitionGuard {
    private final ApplicationService applications;
    private final ApplicationTransitions transitions;
    private final InsuranceRegistry registry;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ReviewService(ApplicationService applications, ApplicationTransitions transitions, InsuranceRegistry registry, JdbcTemplate jdbc, AuditLog audit,
            Clock clock) {
        this.applications = applications;
        this.transitions = transitions;
        this.registry = registry;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks an application under review against the records: several records return it for merging
     * (R-REV-2), a difference sends it to phone confirmation (R-REV-3), no record leaves it under review
     * for the reviewer to reject.
     */
    @Transactional
    public ReviewResult check(UUID applicationId, Actor actor) {
        Application application = applications.get(applicationId, actor);
        if (application.state() != ApplicationState.UNDER_REVIEW) {
            throw ReviewRefusal.NOT_UNDER_REVIEW.refuse("only an application under review can be checked; this one is "
                    + application.state());
        }
        List<InsuranceRecord> records = registry.findByUscc(application.form().uscc().value());
        List<FieldDifference> differences = List.of();
        ReviewOutcome outcome;
        if (records.isEmpty()) {
            outcome = ReviewOutcome.NO_RECORD;
        } else if (records.size() > 1) {
            outcome = ReviewOutcome.SEVERAL_RECORDS;
        } else {
            differences = differences(application, records.get(0));
            outcome = differences.isEmpty() ? ReviewOutcome.MATCHING : ReviewOutcome.MISMATCH;
        }
        ReviewResult result = store(applicationId, outcome, records, differences, actor.auditName());
        if (outcome == ReviewOutcome.SEVERAL_RECORDS) {
            applications.apply(applicationId, ApplicationEvent.RETURN_FOR_MERGE, actor, records.size()
                    + " insurance records; merge them at the insuring window of division "
                    + records.get(0).insuringDivision() + " (R-REV-2)");
        } else if (outcome == ReviewOutcome.MISMATCH) {
            applications.apply(applicationId, ApplicationEvent.ASK_PHONE_CONFIRMATION, actor,
                    differences.stream().map(FieldDifference::field).collect(Collectors.joining(", ")) + " differ (R-REV-3)");
        }
        return result;
    }

    /**
     * Records the outcome of the phone call (R-REV-3): if the employer agrees, the insurance record is
     * updated to the certificate's data and review continues; otherwise the application is declined.
     */
    @Transactional
    public ReviewResult phoneConfirmation(UUID applicationId, boolean agreed, Actor actor) {
        Application application = applications.get(applicationId, actor);
        ReviewResult latest = latest(applicationId).filter(r -> r.outcome() == ReviewOutcome.MISMATCH)
                .orElseThrow(() -> ReviewRefusal.NO_MISMATCH.refuse("there is no difference awaiting confirmation"));
        if (!agreed) {
            transitions.apply(applicationId, ApplicationEvent.DECLINE_BY_PHONE, actor, "the employer did not agree");
            return latest;
        }
        InsuranceRecord record = latest.records().get(0);
        registry.updateToCertificateData(record.recordId(), application.form().employerName(),
                application.form().legalRepresentative());
        audit.record(new AuditEntry(actor.auditName(), "review.record-updated", "insurance-record", record.recordId(),
                "updated to the certificate's data after phone confirmation (R-REV-3)"));
        transitions.apply(applicationId, ApplicationEvent.CONFIRM_BY_PHONE, actor, "the employer agreed");
        return store(applicationId, ReviewOutcome.CONFIRMED_BY_PHONE, latest.records(), latest.differences(),
                actor.auditName());
    }

    /** The latest check of an application, if any. */
    public Optional<ReviewResult> latest(UUID applicationId) {
        return jdbc.query("SELECT * FROM review_result WHERE application_id = ?", (rs, i) -> {
            List<InsuranceRecord> records = new ArrayList<>();
            for (String id : rs.getString("record_ids").split(",")) {
                if (!id.isBlank()) {
                    registry.findByUscc(applications.get(applicationId).form().uscc().value()).stream()
                            .filter(r -> r.recordId().equals(id)).findFirst().ifPresent(records::add);
                }
            }
            return new ReviewResult(applicationId, ReviewOutcome.valueOf(rs.getString("outcome")), records,
                    decode(rs.getString("differences")), rs.getString("checked_by"),
                    rs.getTimestamp("checked_at").toInstant());
        }, applicationId).stream().findFirst();
    }

    @Override
    public Guard guard() {
        return Guard.REGISTRY_CHECK_PASSED;
    }

    /** Approval needs a check whose outcome allows it (R-REV-1). */
    @Override
    public String refusal(Application application, ApplicationEvent event) {
        if (event != ApplicationEvent.APPROVE) {
            return null;
        }
        Optional<ReviewResult> latest = latest(application.id());
        if (latest.isEmpty()) {
            return "review cannot pass before the check against the unemployment-insurance records (R-REV-1)";
        }
        if (!latest.get().outcome().allowsApproval()) {
            return "review cannot pass: the insurance check found " + latest.get().outcome() + " (R-REV)";
        }
        return null;
    }

    private ReviewResult store(UUID applicationId, ReviewOutcome outcome, List<InsuranceRecord> records,
            List<FieldDifference> differences, String actor) {
        Instant now = clock.instant();
        jdbc.update("INSERT INTO review_result (application_id, outcome, record_ids, differences, checked_by, checked_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO UPDATE SET outcome = excluded.outcome,"
                + " record_ids = excluded.record_ids, differences = excluded.differences,"
                + " checked_by = excluded.checked_by, checked_at = excluded.checked_at",
                applicationId, outcome.name(), records.stream().map(InsuranceRecord::recordId).collect(Collectors.joining(",")),
                encode(differences), actor, Timestamp.from(now));
        audit.record(new AuditEntry(actor, "review.checked", "application", applicationId.toString(),
                outcome + (differences.isEmpty() ? "" : " in " + differences.stream().map(FieldDifference::field)
                        .collect(Collectors.joining(", ")))));
        return new ReviewResult(applicationId, outcome, records, differences, actor, now);
    }

    static List<FieldDifference> differences(Application application, InsuranceRecord record) {
        List<FieldDifference> differences = new ArrayList<>();
        compare(differences, "name", application.form().employerName(), record.name());
        compare(differences, "legalRepresentative", application.form().legalRepresentative(),
                record.legalRepresentative());
        return differences;
    }

    private static void compare(List<FieldDifference> differences, String field, String onForm, String inRecord) {
        if (!normal(onForm).equals(normal(inRecord))) {
            differences.add(new FieldDifference(field, onForm, inRecord));
        }
    }

    /** Full-width and half-width brackets and spaces are the same name to a person. */
    private static String normal(String value) {
        return value == null ? "" : value.strip().replace('（', '(').replace('）', ')').replaceAll("\\s+", "");
    }

    private static String encode(List<FieldDifference> differences) {
        return differences.stream().map(d -> d.field() + "\u001f" + d.onForm() + "\u001f" + d.inRecord())
                .collect(Collectors.joining("\u001e"));
    }

    private static List<FieldDifference> decode(String text) {
        List<FieldDifference> differences = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return differences;
        }
        for (String part : text.split("\u001e")) {
            String[] f = part.split("\u001f", -1);
            differences.add(new FieldDifference(f[0], f[1], f[2]));
        }
        return differences;
    }
}
