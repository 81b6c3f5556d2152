package org.orgcert.server.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application process's use cases: submission, batch forwarding, ticking papers, every step of the guide,
 * production's record and shipping, the queues. Each takes the {@link Actor} and is the one door the API, the
 * pages and the jobs share; every state change goes through {@link ApplicationTransitions}. A refused step
 * throws {@link Refusal} and changes nothing.
 */
@Service
public class ApplicationService {
    private static final Set<ApplicationKind> SUPPORTED = EnumSet.of(ApplicationKind.NEW, ApplicationKind.ADDITIONAL,
            ApplicationKind.REISSUE);
    private static final Set<ApplicationState> MATERIALS_OPEN = EnumSet.of(ApplicationState.SUBMITTED,
            ApplicationState.FORWARDED, ApplicationState.RECEIVED, ApplicationState.UNDER_REVIEW,
            ApplicationState.RETURNED_FOR_MERGE, ApplicationState.AWAITING_PHONE_CONFIRMATION);

    /** The staff roles that check papers in (R-MAT): the window's clerk, the CA's clerk and the reviewer. */
    private static final Set<StaffRole> MATERIAL_ROLES = EnumSet.of(StaffRole.WINDOW_CLERK, StaffRole.CA_CLERK,
            StaffRole.CA_REVIEWER);

    private final ApplicationRepository repository;
    private final ApplicationTransitions transitions;
    private final AuditLog audit;
    private final Clock clock;
    private final Directory directory;
    private final CalendarService calendar;
    private final List<SubmissionGuard> submissionGuards;

    ApplicationService(ApplicationRepository repository, ApplicationTransitions transitions, AuditLog audit,
            Clock clock, Directory directory, CalendarService calendar, List<SubmissionGuard> submissionGuards) {
        this.submissionGuards = submissionGuards;
        this.repository = repository;
        this.transitions = transitions;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
        this.calendar = calendar;
    }

    /**
     * Records a new application handed in by {@code actor}: a window clerk at their own window, a CA clerk at
     * the hall or by mail, an agent for their own employers. The form's own problems are reported first (they
     * reveal nothing), then whether this actor may hand it in. A repeated submission with the same idempotency
     * key for the same employer returns the first application and changes nothing; the key is the employer's
     * (a key another employer's agent chose cannot reveal or block this one's).
     */
    @Transactional
    public Application submit(SubmitApplication submitted, String idempotencyKey, Actor actor) {
        return submit(submitted, idempotencyKey, actor, null, false, true);
    }

    /**
     * {@link #submit(SubmitApplication, String, Actor)} from the online application, whose last step shows the
     * service agreement (R-MAT-3): filed only when the employer ticked the version now shown, which the
     * submission's audit record keeps with the date.
     *
     * @throws Refusal 400 {@code agreement-not-accepted} when the box was not ticked (or an older text was);
     *         nothing is filed
     */
    @Transactional
    public Application submitAccepting(SubmitApplication submitted, String idempotencyKey, Actor actor,
            String agreementVersion) {
        return submit(submitted, idempotencyKey, actor, agreementVersion, true, false);
    }

    /**
     * {@link #submitAccepting(SubmitApplication, String, Actor, String)}, and for a NEW application while
     * another NEW one of the employer is still pending ({@link #pendingNew}) only when the employer confirmed
     * that it wants a second certificate (issue 14); the audit record says it was confirmed.
     *
     * @throws Refusal 409 {@code second-new-not-confirmed} (property {@code pending}: the pending one's number)
     *         when not confirmed; nothing is filed
     */
    @Transactional
    public Application submitAccepting(SubmitApplication submitted, String idempotencyKey, Actor actor,
            String agreementVersion, boolean secondNewConfirmed) {
        return submit(submitted, idempotencyKey, actor, agreementVersion, true, secondNewConfirmed);
    }

    /** The employer's NEW application still under way (not final), if any: a second NEW is filed only when confirmed. */
    public Optional<Application> pendingNew(Uscc uscc) {
        return repository.findByUsccs(List.of(uscc.value())).stream()
                .filter(a -> a.form().kind() == ApplicationKind.NEW && !a.state().isFinal()).findFirst();
    }

    private Application submit(SubmitApplication submitted, String idempotencyKey, Actor actor,
            String agreementVersion, boolean agreementShown, boolean secondNewConfirmed) {
        checkOwnFields(submitted);
        // Whether this actor may hand it in, before any check that reads another capability's records (a
        // reissue's certificate must not be probed by another employer's agent).
        ApplicationAccess.submit(actor, submitted);
        SubmitApplication form = canonical(submitted);
        checkOtherCapabilities(form);
        if (agreementShown && !ServiceAgreement.VERSION.equals(agreementVersion)) {
            throw ApplicationRefusal.AGREEMENT_NOT_ACCEPTED.refuse("tick the service agreement (version "
                    + ServiceAgreement.VERSION + ") to submit the application (R-MAT-3)");
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null
                : form.uscc().value() + ":" + idempotencyKey.strip();
        Optional<Application> pending = form.kind() == ApplicationKind.NEW && agreementShown
                && (key == null || repository.findByIdempotencyKey(key).isEmpty()) ? pendingNew(form.uscc())
                : Optional.empty();
        if (pending.isPresent() && !secondNewConfirmed) {
            throw ApplicationRefusal.SECOND_NEW_NOT_CONFIRMED.refuse("application " + pending.get().number()
                    + " for a new certificate is still pending; confirm that a second one is wanted")
                    .with("pending", pending.get().number());
        }
        if (key != null) {
            // Two submissions with one key at once (a double click): the second waits for the first to commit
            // and then finds its application, instead of failing on the key's unique index.
            repository.lockIdempotencyKey(key);
            Optional<UUID> existing = repository.findByIdempotencyKey(key);
            if (existing.isPresent()) {
                return get(existing.get(), actor);
            }
        }
        if (form.replacesSerial() != null) {
            // One reissue per lost certificate: two at once (two windows, a double click without key) queue here.
            repository.lockIdempotencyKey("reissue:" + form.replacesSerial());
            Optional<String> earlier = repository.activeReissueOf(form.replacesSerial());
            if (earlier.isPresent()) {
                throw ApplicationRefusal.REISSUE_ALREADY_FILED.refuse("certificate " + form.replacesSerial()
                        + " is already being reissued by application " + earlier.get());
            }
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String number = repository.nextNumber(ShanghaiTime.dateOf(now));
        repository.insert(id, number, key, form, now);
        audit.record(new AuditEntry(actor.auditName(), "application.submitted", "application", id.toString(),
                number + " " + form.kind() + " via " + form.channel() + " for " + form.delivery()
                        + (form.windowId() == null ? "" : " at window " + form.windowId())
                        + (form.replacesSerial() == null ? "" : " replacing certificate " + form.replacesSerial())
                        + (agreementShown ? "; service agreement " + agreementVersion + " accepted on "
                                + ShanghaiTime.dateOf(now) : "")
                        + (pending.isPresent() ? "; confirmed while " + pending.get().number() + " is pending" : "")));
        return get(id);
    }

    /** The replaced certificate's serial in one spelling (lower-case hex, no leading zeros): one lock per certificate. */
    private static SubmitApplication canonical(SubmitApplication f) {
        if (f.replacesSerial() == null) {
            return f;
        }
        String serial = new java.math.BigInteger(f.replacesSerial(), 16).toString(16);
        return new SubmitApplication(f.kind(), f.employerName(), f.uscc(), f.category(), f.legalRepresentative(),
                f.legalRepInPerson(), f.agentName(), f.channel(), f.delivery(), f.windowId(), f.mailingAddress(), serial);
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

    /**
     * The form's R-CH and R-MAT checks, its window's existence and the other capabilities' checks (a reissue's
     * certificate): 400 with a message per field.
     */
    void check(SubmitApplication form) {
        checkOwnFields(form);
        checkOtherCapabilities(form);
    }

    /** The form's own problems (R-CH, R-MAT, its window): they reveal nothing, so they come first. */
    private void checkOwnFields(SubmitApplication form) {
        validate(form);
        if (form.windowId() != null && directory.window(form.windowId()).isEmpty()) {
            throw Refusal.invalidFields("the application is incomplete or inconsistent",
                    Map.of("windowId", "no window '" + form.windowId() + "'; choose one of the 18 windows (R-CH-8)"));
        }
    }

    private void checkOtherCapabilities(SubmitApplication form) {
        for (SubmissionGuard guard : submissionGuards) {
            Map<String, String> problems = guard.problems(form);
            if (!problems.isEmpty()) {
                throw Refusal.invalidFields("the application is incomplete or inconsistent", problems);
            }
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

    /** True when an application was submitted with idempotency key {@code key} for any employer. */
    public boolean submittedWithKey(String key) {
        return repository.existsWithKey(key);
    }

    /** The applications of these employers (by USCC), newest first: an agent's own list. */
    public List<Application> ofEmployers(java.util.Collection<String> usccs) {
        return usccs.isEmpty() ? List.of() : repository.findByUsccs(List.copyOf(usccs));
    }

    /**
     * The public status lookup: the application with this number, only when it is the employer's with this
     * USCC. A number with another employer's USCC is not found, exactly like an unknown number, so the lookup
     * tells nobody which numbers exist.
     */
    public Optional<Application> lookUp(String number, Uscc uscc) {
        if (number == null || number.isBlank() || uscc == null) {
            return Optional.empty();
        }
        return repository.findByNumberAndUscc(number.strip().toUpperCase(Locale.ROOT), uscc.value());
    }

    /** The application, for another capability acting on it (no person's view: see {@link #get(UUID, Actor)}). */
    public Application get(UUID id) {
        return repository.find(id).orElseThrow(() -> ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + id));
    }

    /**
     * The application if {@code actor} may see it: an agent only their own employers' (others' are 404), a
     * window clerk only their window's (403).
     */
    public Application get(UUID id, Actor actor) {
        Application application = get(id);
        Refusal hidden = ApplicationDecisions.visibility(actor, application);
        if (hidden != null) {
            throw hidden;
        }
        return application;
    }

    /**
     * The application with its row locked until the caller's transaction ends, for another capability deciding
     * on it (billing: what is owed when matching or refunding), so that its decision and the application's own
     * transitions take turns.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Application lock(UUID id) {
        return repository.findForUpdate(id)
                .orElseThrow(() -> ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + id));
    }

    /** The events {@code actor} may apply to {@code application} now: a page shows a button for each. */
    public Set<ApplicationEvent> eventsFor(Application application, Actor actor) {
        return transitions.allowed(application, actor);
    }

    /**
     * Applies {@code event} for {@code actor}: the one door of every step that needs no more data than a
     * reason (SHIP needs the waybill: {@link #ship}; a key's COMPLETE_PRODUCTION its certificate:
     * {@link #completeProduction}).
     *
     * @throws Refusal when the decision or a guard refuses; nothing changed
     */
    @Transactional
    public Application apply(UUID id, ApplicationEvent event, Actor actor, String reason) {
        if (event == ApplicationEvent.SHIP) {
            throw ApplicationRefusal.WAYBILL_REQUIRED.refuse("shipping needs the EMS waybill number");
        }
        if (event == ApplicationEvent.COMPLETE_PRODUCTION
                && (get(id).form().kind().producesToken() || !(actor instanceof Actor.System))) {
            // A key's production completes with its certificate (completeProduction); an online request's with
            // what its own capability produced: no person completes either by a bare event.
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse("production completes only with what it produced");
        }
        if (event == ApplicationEvent.CONFIRM_BY_PHONE || event == ApplicationEvent.DECLINE_BY_PHONE) {
            // The employer's answer also updates the insurance record or declines (R-REV-3): review's use case.
            throw ApplicationRefusal.TRANSITION_NOT_ALLOWED.refuse(event + " is recorded with the employer's answer"
                    + " (POST /api/v1/applications/{id}/review/phone-confirmation)");
        }
        if (event == ApplicationEvent.FORWARD) {
            // A forwarding is always a batch, even of one: its reason for missing papers is kept for the CA.
            forward(actor, List.of(id), reason);
            return get(id);
        }
        return transitions.apply(id, event, actor, reason);
    }

    /**
     * A window clerk forwards submitted applications of their own window to the CA in one batch (R-CH-4), all or
     * nothing: one application of another window, not SUBMITTED, or lacking papers without {@code reason}
     * refuses the whole batch. The reason (forwarded without every paper) is kept for the CA's clerk.
     */
    @Transactional
    public UUID forward(Actor actor, List<UUID> ids, String reason) {
        if (!(actor instanceof Actor.Staff clerk) || clerk.role() != StaffRole.WINDOW_CLERK) {
            throw CommonRefusal.ROLE_NOT_ALLOWED.refuse("a window clerk forwards their window's applications");
        }
        if (ids == null || ids.isEmpty()) {
            throw ApplicationRefusal.EMPTY_BATCH.refuse("a batch needs at least one application");
        }
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        UUID batch = UUID.randomUUID();
        repository.insertBatch(batch, clerk.windowId(), actor.auditName(), clock.instant(), ids.size());
        for (UUID id : List.copyOf(new java.util.LinkedHashSet<>(ids))) {
            // The note is the decision's reason: only it lets papers be missing (R-MAT, R-CH-4).
            Application forwarded = transitions.apply(id, ApplicationEvent.FORWARD, actor, note);
            repository.setBatch(id, batch, forwarded.missingMaterials().isEmpty() ? null : note);
        }
        return batch;
    }

    /** The most applications one queue request returns: a page a person reads, not an export. */
    public static final int MAX_QUEUE = 500;

    /**
     * Applications in {@code state}, oldest first; a window clerk sees their own window's only.
     *
     * @throws Refusal 400 naming {@code limit} outside 1 to {@value #MAX_QUEUE}, rather than quietly answering fewer
     */
    public List<Application> queue(Actor actor, ApplicationState state, String windowId, int limit) {
        if (limit < 1 || limit > MAX_QUEUE) {
            throw Refusal.invalidFields("a queue returns 1 to " + MAX_QUEUE + " applications; limit was " + limit,
                    Map.of("limit", "1 to " + MAX_QUEUE));
        }
        if (!(actor instanceof Actor.Staff staff)) {
            throw ApplicationRefusal.STAFF_ONLY.refuse("only staff see the queues");
        }
        if (windowId != null && staff.isClerkOfOtherWindow(windowId)) {
            throw ApplicationRefusal.OTHER_WINDOW.refuse("a clerk of window " + staff.windowId()
                    + " may not see another window's queue");
        }
        String window = staff.role() == StaffRole.WINDOW_CLERK ? staff.windowId() : windowId;
        return repository.findByState(state, window, limit);
    }

    /** Applications in {@code state} of every window, for another capability's job (e.g. payment matching). */
    public List<Application> inState(ApplicationState state, int limit) {
        return repository.findByState(state, null, Math.min(Math.max(limit, 1), MAX_QUEUE));
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

    /** Ships a produced key by EMS (R-CH-2) with its waybill number. */
    @Transactional
    public Application ship(UUID id, String waybill, Actor actor) {
        String normal = waybill == null ? "" : waybill.strip().toUpperCase(Locale.ROOT);
        if (!normal.matches("[A-Z]{2}\\d{9}[A-Z]{2}|\\d{13}")) {
            throw Refusal.invalidFields("the EMS waybill number is not valid",
                    Map.of("waybill", "EMS 运单号：13位数字或如 EA123456789CN / 13 digits or like EA123456789CN"));
        }
        // The waybill first, so the transition's consequences (the employer's SMS) see it; a refusal rolls it back.
        repository.setWaybill(id, normal);
        transitions.apply(id, ApplicationEvent.SHIP, actor, "waybill " + normal);
        return get(id);
    }

    /** Records that the certificate {@code serial} was produced for the application (COMPLETE_PRODUCTION). */
    @Transactional
    public Application completeProduction(UUID id, String serial, Actor actor) {
        transitions.apply(id, ApplicationEvent.COMPLETE_PRODUCTION, actor, "certificate " + serial);
        repository.setCertificateSerial(id, serial);
        return get(id);
    }

    /**
     * Ticks papers of one application as received and verified (R-MAT-1..4) for {@code actor}, all or nothing:
     * a role that does not check papers, another window's clerk, or a paper this application does not need or no
     * longer takes refuses them all. Ticking twice is harmless.
     */
    @Transactional
    public Application tick(UUID id, Collection<MaterialItem> items, Actor actor) {
        Application application = lockedForMaterials(id, actor);
        if (items == null || items.isEmpty()) {
            throw ApplicationRefusal.NO_MATERIALS.refuse("choose at least one paper to tick");
        }
        for (MaterialItem item : items) {
            requireMaterialsOpen(application, item);
            if (repository.tick(id, item, actor.auditName(), clock.instant())) {
                audit.record(new AuditEntry(actor.auditName(), "application.material-ticked", "application",
                        id.toString(), item.name()));
            }
        }
        return get(id);
    }

    /** Removes a tick, e.g. when a copy turns out to lack its seal. */
    @Transactional
    public Application untick(UUID id, MaterialItem item, Actor actor) {
        requireMaterialsOpen(lockedForMaterials(id, actor), item);
        if (repository.untick(id, item)) {
            audit.record(new AuditEntry(actor.auditName(), "application.material-unticked", "application",
                    id.toString(), item.name()));
        }
        return get(id);
    }

    /**
     * The application, locked against a forwarding or approval deciding on its papers meanwhile, if
     * {@code actor} may tick its papers: the window's clerk while it is at the window (SUBMITTED), the CA's
     * clerk and the reviewer once it is at the CA (R-MAT, R-CH-4).
     */
    private Application lockedForMaterials(UUID id, Actor actor) {
        Application application = repository.findForUpdate(id)
                .orElseThrow(() -> ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + id));
        Refusal hidden = ApplicationDecisions.visibility(actor, application);
        if (hidden != null) {
            throw hidden;
        }
        actor.require("ticking papers", MATERIAL_ROLES.toArray(StaffRole[]::new));
        boolean atWindow = application.form().channel() == Channel.WINDOW
                && application.state() == ApplicationState.SUBMITTED;
        if (atWindow != actor.hasRole(StaffRole.WINDOW_CLERK)) {
            throw ApplicationRefusal.MATERIALS_CLOSED.refuse(atWindow
                    ? "the papers of an application at its window are checked by the window's clerk"
                    : "once the application left the window, the CA checks its papers");
        }
        return application;
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

    /** R-CH and R-MAT checks of a new application, with a message per field. */
    static void validate(SubmitApplication form) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (form.kind() == null || !SUPPORTED.contains(form.kind())) {
            problems.put("kind", "NEW, ADDITIONAL or REISSUE; renewals, information changes and unlocks are made on"
                    + " the certificate's own page");
        } else if (form.kind() == ApplicationKind.REISSUE
                && (form.replacesSerial() == null || !form.replacesSerial().matches("[0-9A-Fa-f]{1,40}"))) {
            problems.put("replacesSerial", "a reissue names the serial of the lost, damaged or cancelled certificate"
                    + " it replaces (R-FEE-2)");
        } else if (form.kind() != ApplicationKind.REISSUE && form.replacesSerial() != null) {
            problems.put("replacesSerial", "only a reissue replaces a certificate");
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
