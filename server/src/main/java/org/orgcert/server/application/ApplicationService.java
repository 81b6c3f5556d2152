package org.orgcert.server.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application process of the guide: submission, batch forwarding, review steps, production and
 * delivery, each a transition of {@link ApplicationEvent}'s table applied by compare-and-set and audited
 * in the same transaction. A refused step throws {@link Refusal} and changes nothing.
 */
@Service
public class ApplicationService {
    private static final Set<ApplicationKind> SUPPORTED = EnumSet.of(ApplicationKind.NEW, ApplicationKind.ADDITIONAL);
    private static final Set<ApplicationState> MATERIALS_OPEN = EnumSet.of(ApplicationState.SUBMITTED,
            ApplicationState.FORWARDED, ApplicationState.RECEIVED, ApplicationState.UNDER_REVIEW,
            ApplicationState.RETURNED_FOR_MERGE, ApplicationState.AWAITING_PHONE_CONFIRMATION);

    private final ApplicationRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<TransitionGuard> guards;
    private final Directory directory;
    private final CalendarService calendar;
    private final ObjectProvider<ApprovalHook> approvalHooks;
    private final ApplicationEventPublisher events;

    /** Guards come through a provider: they use this service themselves, so they cannot be injected eagerly. */
    ApplicationService(ApplicationRepository repository, AuditLog audit, Clock clock,
            ObjectProvider<TransitionGuard> guards, Directory directory, CalendarService calendar,
            ObjectProvider<ApprovalHook> approvalHooks, ApplicationEventPublisher events) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.guards = guards;
        this.directory = directory;
        this.calendar = calendar;
        this.approvalHooks = approvalHooks;
        this.events = events;
    }

    /**
     * Records a new application. A repeated submission with the same idempotency key returns the first
     * application and changes nothing.
     */
    @Transactional
    public Application submit(SubmitApplication form, String idempotencyKey, String actor) {
        if (idempotencyKey != null) {
            // Two submissions with one key at once (a double click): the second waits for the first to commit
            // and then finds its application, instead of failing on the key's unique index.
            repository.lockIdempotencyKey(idempotencyKey);
            Optional<UUID> existing = repository.findByIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                return get(existing.get());
            }
        }
        check(form);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String number = repository.nextNumber(ShanghaiTime.dateOf(now));
        repository.insert(id, number, idempotencyKey, form, now);
        audit.record(new AuditEntry(actor, "application.submitted", "application", id.toString(),
                number + " " + form.kind() + " via " + form.channel() + " for " + form.delivery()
                        + (form.windowId() == null ? "" : " at window " + form.windowId())));
        return get(id);
    }

    /**
     * Files an online request for a certificate already on the employer's USB key (renewal, information
     * change, unlock): channel ONLINE, delivery TO_TOKEN, joined to the caller's transaction, audited. The
     * caller moves it on with {@link #apply}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Application fileOnline(SubmitApplication form, String actor, String reason) {
        if (form.channel() != Channel.ONLINE || form.delivery() != Delivery.TO_TOKEN || SUPPORTED.contains(form.kind())) {
            throw new IllegalArgumentException("online requests are renewals, information changes and unlocks");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String number = repository.nextNumber(ShanghaiTime.dateOf(now));
        repository.insert(id, number, null, form, now);
        audit.record(new AuditEntry(actor, "application.submitted", "application", id.toString(),
                number + " " + form.kind() + " online: " + reason));
        return get(id);
    }

    /** The form's R-CH and R-MAT checks and its window's existence: 400 with a message per field. */
    void check(SubmitApplication form) {
        validate(form);
        if (form.windowId() != null && directory.window(form.windowId()).isEmpty()) {
            throw Refusal.invalidFields("the application is incomplete or inconsistent",
                    Map.of("windowId", "no window '" + form.windowId() + "'; choose one of the 18 windows (R-CH-8)"));
        }
    }

    /**
     * Checks a form as {@link #submit} would, changing nothing: for a wizard that shows the problems per field
     * before the one submission at its end.
     *
     * @throws Refusal 400 with {@code errors} per field
     */
    public void checkForm(SubmitApplication form) {
        check(form);
    }

    /** The applications of these employers (by USCC), newest first: an agent's own list. */
    public List<Application> ofEmployers(java.util.Collection<String> usccs) {
        return usccs.isEmpty() ? List.of() : repository.findByUsccs(List.copyOf(usccs));
    }

    /** The application, or 404. */
    public Application get(UUID id) {
        return repository.find(id).orElseThrow(() -> ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + id));
    }

    /**
     * The application if {@code actor} may see it: an agent only their own employers' (others' are 404), a
     * window clerk only their window's (403).
     */
    public Application getFor(UUID id, org.orgcert.server.domain.Actor actor) {
        Application application = get(id);
        ApplicationAccess.view(actor, application);
        return application;
    }

    /**
     * The events {@code actor} may apply to {@code application} now: their role's ({@link ApplicationAccess})
     * and allowed by the transition table in its state, channel and delivery, by the materials (approval) and by
     * every {@link TransitionGuard} (e.g. approval after a passing registry check). Pages show a button for each.
     */
    public java.util.Set<ApplicationEvent> eventsFor(Application application, org.orgcert.server.domain.Actor actor) {
        java.util.Set<ApplicationEvent> allowed = java.util.EnumSet.noneOf(ApplicationEvent.class);
        for (ApplicationEvent event : ApplicationEvent.values()) {
            if (event.refusal(application.state(), application.form().channel(), application.form().delivery()) != null
                    || (event == ApplicationEvent.APPROVE && !application.missingMaterials().isEmpty())
                    || guards.orderedStream().anyMatch(guard -> guard.refusal(application, event) != null)) {
                continue;
            }
            try {
                ApplicationAccess.event(actor, application, event);
                allowed.add(event);
            } catch (Refusal refused) {
                // Not this actor's step: no button.
            }
        }
        return allowed;
    }

    /** {@link #apply} after {@link ApplicationAccess} allowed {@code actor} this event (403/404 before any change). */
    public Application applyFor(UUID id, ApplicationEvent event, org.orgcert.server.domain.Actor actor, String reason) {
        ApplicationAccess.event(actor, get(id), event);
        return apply(id, event, actor.auditName(), reason);
    }

    /** {@link #forwardBatch} for {@code actor}, a window clerk, at their own window (R-CH-4). */
    public UUID forwardBatchFor(org.orgcert.server.domain.Actor actor, List<UUID> ids) {
        if (!(actor instanceof org.orgcert.server.domain.Actor.Staff staff)
                || staff.role() != org.orgcert.server.domain.StaffRole.WINDOW_CLERK) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("a window clerk forwards their window's applications");
        }
        return forwardBatch(staff.windowId(), ids, actor.auditName());
    }

    /** The most applications one queue request returns: a page a person reads, not an export. */
    public static final int MAX_QUEUE = 500;

    /**
     * Applications in {@code state}, oldest first, optionally of one window.
     *
     * @throws Refusal 400 naming {@code limit} outside 1 to {@value #MAX_QUEUE}, rather than quietly answering fewer
     */
    public List<Application> queue(ApplicationState state, String windowId, int limit) {
        if (limit < 1 || limit > MAX_QUEUE) {
            throw Refusal.invalidFields("a queue returns 1 to " + MAX_QUEUE + " applications; limit was " + limit,
                    Map.of("limit", "1 to " + MAX_QUEUE));
        }
        return repository.findByState(state, windowId, limit);
    }

    /**
     * A queue's size: how many applications are in the state and how many of those are flagged overdue
     * (production not done within 3 working days, R-CH-2).
     */
    public record QueueCount(ApplicationState state, long count, long overdue) {
    }

    /** How many applications are in each state, of one window or of all ({@code windowId} null). */
    public List<QueueCount> counts(String windowId) {
        return repository.countByState(windowId).entrySet().stream()
                .map(e -> new QueueCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Keys waiting at a window for collection (AT_WINDOW or NOTIFIED), oldest first (R-CH-5..7). */
    public List<Application> awaitingPickup() {
        return repository.findByStates(List.of(ApplicationState.AT_WINDOW, ApplicationState.NOTIFIED));
    }

    /**
     * Flags applications whose production is overdue (R-CH-2), once each, with an audit record; a job runs
     * it, and it is safe to run on several nodes at once.
     *
     * @return how many were newly flagged
     */
    @Transactional
    public int flagOverdueProduction(String actor) {
        List<UUID> flagged = repository.flagOverdue(calendar.today());
        for (UUID id : flagged) {
            audit.record(new AuditEntry(actor, "application.production-overdue", "application", id.toString(),
                    "not produced within 3 working days (R-CH-2)"));
        }
        return flagged.size();
    }

    /**
     * Applies {@code event} if the table allows it in the application's current state, channel and delivery.
     *
     * @throws Refusal 409 {@code transition-not-allowed} when it does not, or {@code concurrent-change}
     *                    when another request changed the application in between
     */
    @Transactional
    public Application apply(UUID id, ApplicationEvent event, String actor, String reason) {
        Application application = get(id);
        String refusal = event.refusal(application.state(), application.form().channel(), application.form().delivery());
        if (refusal != null) {
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(refusal);
        }
        if (event == ApplicationEvent.APPROVE && !application.missingMaterials().isEmpty()) {
            throw ApplicationRefusal.MATERIALS_MISSING.refuse("review cannot pass while materials are missing: "
                    + application.missingMaterials() + " (R-MAT-1..4)");
        }
        if (event == ApplicationEvent.SHIP) {
            throw ApplicationRefusal.WAYBILL_REQUIRED.refuse("shipping needs the EMS waybill number: use ship()");
        }
        Application moved = move(application, event, actor, reason);
        if (event == ApplicationEvent.START_PRODUCTION && application.form().channel() != Channel.ONLINE) {
            // R-CH-2: produced within 3 working days of approval; a year without calendar data refuses (409).
            // Online requests are issued at once and promise no date.
            LocalDate due = calendar.addWorkingDays(calendar.today(), 3);
            repository.setProductionDue(id, due);
            moved = moved.withProductionDue(due);
        }
        if (event == ApplicationEvent.APPROVE || event == ApplicationEvent.APPROVE_ONLINE) {
            Application approved = moved;
            if (approvalHooks.orderedStream().anyMatch(hook -> hook.awaitsPayment(approved, actor))) {
                moved = move(moved, ApplicationEvent.AWAIT_PAYMENT, "system:billing", "the employer pays first (R-FEE-4)");
            }
        }
        return moved;
    }

    /** Ships a produced key by EMS (R-CH-2) with its waybill number. */
    @Transactional
    public Application ship(UUID id, String waybill, String actor) {
        String normal = waybill == null ? "" : waybill.strip().toUpperCase(Locale.ROOT);
        if (!normal.matches("[A-Z]{2}\\d{9}[A-Z]{2}|\\d{13}")) {
            throw Refusal.invalidFields("the EMS waybill number is not valid",
                    Map.of("waybill", "EMS 运单号：13位数字或如 EA123456789CN / 13 digits or like EA123456789CN"));
        }
        Application application = get(id);
        String refusal = ApplicationEvent.SHIP.refusal(application.state(), application.form().channel(),
                application.form().delivery());
        if (refusal != null) {
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(refusal);
        }
        Application moved = move(application, ApplicationEvent.SHIP, actor, "waybill " + normal);
        repository.setWaybill(id, normal);
        return moved.withWaybill(normal);
    }

    /** Records that the certificate {@code serial} was produced for the application (COMPLETE_PRODUCTION). */
    @Transactional
    public Application completeProduction(UUID id, String serial, String actor) {
        Application application = get(id);
        String refusal = ApplicationEvent.COMPLETE_PRODUCTION.refusal(application.state(), application.form().channel(),
                application.form().delivery());
        if (refusal != null) {
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(refusal);
        }
        Application moved = move(application, ApplicationEvent.COMPLETE_PRODUCTION, actor, "certificate " + serial);
        repository.setCertificateSerial(id, serial);
        return moved.withCertificateSerial(serial);
    }

    /** Ticks a required paper as received and verified (R-MAT-1..4); ticking twice is harmless. */
    @Transactional
    public Application tick(UUID id, MaterialItem item, String actor) {
        return tick(get(id), item, actor);
    }

    /**
     * Ticks several papers of one application at once for {@code actor} (a clerk's or reviewer's page sends
     * what they checked together), all or nothing in one transaction: a role that does not check papers or
     * another window's clerk (403), or one paper this application does not need or no longer takes, refuses
     * them all and nothing is recorded. Each tick is recorded and audited as {@link #tick} does.
     */
    @Transactional
    public Application tickFor(UUID id, Collection<MaterialItem> items, org.orgcert.server.domain.Actor actor) {
        Application application = get(id);
        ApplicationAccess.materials(actor, application);
        if (items == null || items.isEmpty()) {
            throw ApplicationRefusal.NO_MATERIALS.refuse("choose at least one paper to tick");
        }
        for (MaterialItem item : items) {
            application = tick(application, item, actor.auditName());
        }
        return application;
    }

    private Application tick(Application application, MaterialItem item, String actor) {
        requireMaterialsOpen(application, item);
        if (repository.tick(application.id(), item, actor, clock.instant())) {
            audit.record(new AuditEntry(actor, "application.material-ticked", "application",
                    application.id().toString(), item.name()));
        }
        return application.withReceived(item);
    }

    /** Removes a tick, e.g. when a copy turns out to lack its seal. */
    @Transactional
    public Application untick(UUID id, MaterialItem item, String actor) {
        requireMaterialsOpen(get(id), item);
        if (repository.untick(id, item)) {
            audit.record(new AuditEntry(actor, "application.material-unticked", "application", id.toString(),
                    item.name()));
        }
        return get(id);
    }

    /**
     * A window forwards submitted applications to the CA in one batch (R-CH-4). All or nothing: one
     * application of another window, or not in SUBMITTED, refuses the whole batch.
     */
    @Transactional
    public UUID forwardBatch(String windowId, List<UUID> ids, String actor) {
        if (ids == null || ids.isEmpty()) {
            throw ApplicationRefusal.EMPTY_BATCH.refuse("a batch needs at least one application");
        }
        UUID batch = UUID.randomUUID();
        repository.insertBatch(batch, windowId, actor, clock.instant(), ids.size());
        for (UUID id : ids) {
            Application application = get(id);
            if (!windowId.equals(application.form().windowId())) {
                throw ApplicationRefusal.OTHER_WINDOW.refuse("application " + application.number()
                        + " was not submitted at window " + windowId);
            }
            String refusal = ApplicationEvent.FORWARD.refusal(application.state(), application.form().channel(),
                    application.form().delivery());
            if (refusal != null) {
                throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(application.number() + ": " + refusal);
            }
            move(application, ApplicationEvent.FORWARD, actor, "batch " + batch);
            repository.setBatch(id, batch);
        }
        return batch;
    }

    /** Whether scans and ticks may still be added: before the review's decision (the portal hides its upload form). */
    public boolean materialsOpen(Application application) {
        return MATERIALS_OPEN.contains(application.state());
    }

    /** Refuses {@code item} unless the application requires it and its materials may still change. */
    void requireMaterialsOpen(Application application, MaterialItem item) {
        if (!application.requiredMaterials().contains(item)) {
            throw ApplicationRefusal.MATERIAL_NOT_REQUIRED.refuse(item + " is not required for this application; "
                    + "required: " + application.requiredMaterials());
        }
        if (!MATERIALS_OPEN.contains(application.state())) {
            throw ApplicationRefusal.MATERIALS_CLOSED.refuse("materials cannot change once the application is "
                    + application.state());
        }
    }

    /** Applies {@code event} by compare-and-set, audited; returns the application as it now is. */
    private Application move(Application application, ApplicationEvent event, String actor, String reason) {
        for (TransitionGuard guard : guards.orderedStream().toList()) {
            String refusal = guard.refusal(application, event);
            if (refusal != null) {
                throw ApplicationRefusal.TRANSITION_REFUSED.refuse(refusal);
            }
        }
        if (!repository.transition(application.id(), application.version(), application.state(), event.target(),
                clock.instant())) {
            throw ApplicationRefusal.CONCURRENT_CHANGE.refuse("application " + application.number()
                    + " was changed by someone else; reload it and try again");
        }
        audit.record(new AuditEntry(actor, "application." + event.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "application", application.id().toString(), application.state() + " -> " + event.target()
                        + (reason == null || reason.isBlank() ? "" : ": " + reason)));
        events.publishEvent(new ApplicationMoved(application.id(), application.form().kind(), event,
                application.state(), event.target(), actor));
        return application.movedTo(event.target());
    }

    /** R-CH and R-MAT checks of a new application, with a message per field. */
    static void validate(SubmitApplication form) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (form.kind() == null || !SUPPORTED.contains(form.kind())) {
            problems.put("kind", "this version accepts NEW and ADDITIONAL applications");
        }
        if (form.uscc() == null) {
            problems.put("uscc", "必填 / required");
        }
        if (form.category() == null) {
            problems.put("category", "必填 / required (R-MAT-1)");
        }
        requireText(problems, "employerName", form.employerName());
        requireText(problems, "legalRepresentative", form.legalRepresentative());
        requireText(problems, "agentName", form.agentName());
        if (form.legalRepInPerson() && form.agentName() != null && form.legalRepresentative() != null
                && !form.agentName().strip().equals(form.legalRepresentative().strip())) {
            problems.put("agentName", "the legal representative applies in person, so the agent is the legal "
                    + "representative (R-MAT-5)");
        }
        if (form.channel() == null || form.delivery() == null) {
            problems.put("delivery", "choose where to hand in and how to receive the key (R-CH)");
        } else if (form.channel() == Channel.ONLINE) {
            problems.put("channel", "ONLINE requests (renewal, information change, unlock) are made through the"
                    + " certificate's own pages and the USB-key assistant, not as a new application");
        } else {
            if (!form.channel().allows(form.delivery())) {
                problems.put("delivery", form.channel() + " applications can be delivered by "
                        + form.channel().deliveries() + " only (R-CH)");
            }
            if (form.channel() == Channel.WINDOW && (form.windowId() == null || form.windowId().isBlank())) {
                problems.put("windowId", "choose the window where the application is handed in (R-CH-4)");
            }
            if (form.channel() != Channel.WINDOW && form.windowId() != null) {
                problems.put("windowId", "a window is only chosen for applications handed in at a window");
            }
            if (form.delivery() == Delivery.MAIL) {
                if (form.mailingAddress() == null) {
                    problems.put("mailingAddress", "mail delivery needs the mailing-address form (R-MAT-4)");
                } else {
                    problems.putAll(form.mailingAddress().problems());
                }
            } else if (form.mailingAddress() != null) {
                problems.put("mailingAddress", "only mail delivery takes a mailing address");
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("the application is incomplete or inconsistent", problems);
        }
    }

    private static void requireText(Map<String, String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.put(field, "必填 / required (R-MAT-5)");
        } else if (value.strip().length() > 100) {
            problems.put(field, "at most 100 characters");
        }
    }
}
