package org.orgcert.server.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.calendar.CalendarService;
import org.orgcert.server.domain.Actor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only place an application's state changes. Locks the application's row, asks
 * {@link ApplicationDecisions#decide} and the other capabilities' {@link TransitionGuard}s, moves it, audits
 * it and carries out the event's {@link Consequence}s, all in one transaction: a refused or failed step changes
 * nothing, and a clerk's button, the API and a job get the same rules and the same consequences.
 */
@Component
public class ApplicationTransitions implements SmartInitializingSingleton {
    private final ApplicationRepository repository;
    private final AuditLog audit;
    private final CalendarService calendar;
    private final Clock clock;
    private final ObjectProvider<TransitionGuard> guardBeans;
    private final ObjectProvider<TransitionConsequence> consequenceBeans;
    private final ApplicationEventPublisher events;
    private final Map<Guard, TransitionGuard> guards = new EnumMap<>(Guard.class);
    private final Map<Consequence, TransitionConsequence> consequences = new EnumMap<>(Consequence.class);

    /** Guards and consequences come through providers: several of them use the application service themselves. */
    ApplicationTransitions(ApplicationRepository repository, AuditLog audit, CalendarService calendar, Clock clock,
            ObjectProvider<TransitionGuard> guardBeans, ObjectProvider<TransitionConsequence> consequenceBeans,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.audit = audit;
        this.calendar = calendar;
        this.clock = clock;
        this.guardBeans = guardBeans;
        this.consequenceBeans = consequenceBeans;
        this.events = events;
    }

    /** Every guard and consequence of the table has exactly one bean: a missing one stops the start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        guardBeans.orderedStream().forEach(bean -> {
            if (guards.put(bean.guard(), bean) != null) {
                throw new IllegalStateException("two beans answer the guard " + bean.guard());
            }
        });
        consequenceBeans.orderedStream().forEach(bean -> {
            if (consequences.put(bean.consequence(), bean) != null) {
                throw new IllegalStateException("two beans carry out the consequence " + bean.consequence());
            }
        });
        for (Guard guard : Guard.values()) {
            if (!guard.decidedHere() && !guards.containsKey(guard)) {
                throw new IllegalStateException("no bean answers the guard " + guard);
            }
        }
        for (Consequence consequence : Consequence.values()) {
            if (consequence != Consequence.SET_PRODUCTION_DUE && !consequences.containsKey(consequence)) {
                throw new IllegalStateException("no bean carries out the consequence " + consequence);
            }
        }
    }

    /**
     * Applies {@code event} for {@code actor} if the decision and every guard allow it, with its consequences
     * and the event that follows it (an approval leaving something owed is followed by AWAIT_PAYMENT).
     *
     * @param reason what the actor stated; audited (a forwarding without every paper needs one)
     * @return the application as it now is
     * @throws org.orgcert.server.domain.Refusal when refused; nothing changed
     */
    @Transactional
    public Application apply(UUID id, ApplicationEvent event, Actor actor, String reason) {
        Application application = repository.findForUpdate(id)
                .orElseThrow(() -> ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application " + id));
        ApplicationDecisions.Decision decision = ApplicationDecisions.decide(application, actor, event, reason);
        if (decision instanceof ApplicationDecisions.Decision.Refused refused) {
            throw refused.refusal();
        }
        requireOtherGuards(application, (ApplicationDecisions.Decision.Allowed) decision);
        move(application, event, actor, reason);
        ApplicationEvent next = event.followedBy();
        Application moved = repository.find(id).orElseThrow();
        if (next != null && otherGuardsRefusal(moved, ApplicationEvent.PAYMENT_SETTLED) != null) {
            move(moved, next, Actor.system("billing"), "the employer pays first (R-FEE-4)");
            moved = repository.find(id).orElseThrow();
        }
        return moved;
    }

    /**
     * The events {@code actor} may apply to {@code application} now: what a page offers as buttons. Decided as
     * {@link #apply} decides, changing nothing; a forwarding is offered when it needs a reason too.
     */
    public Set<ApplicationEvent> allowed(Application application, Actor actor) {
        Set<ApplicationEvent> allowed = EnumSet.noneOf(ApplicationEvent.class);
        for (ApplicationEvent event : ApplicationEvent.values()) {
            String reason = event == ApplicationEvent.FORWARD ? "(asked on the page)" : null;
            if (ApplicationDecisions.decide(application, actor, event, reason)
                    instanceof ApplicationDecisions.Decision.Allowed allowedNow
                    && allowedNow.otherGuards().stream().allMatch(g -> guards.get(g).refusal(application, event) == null)) {
                allowed.add(event);
            }
        }
        return allowed;
    }

    private void requireOtherGuards(Application application, ApplicationDecisions.Decision.Allowed allowed) {
        for (Guard guard : allowed.otherGuards()) {
            String why = guards.get(guard).refusal(application, allowed.event());
            if (why != null) {
                throw guard.refusal().refuse(why);
            }
        }
    }

    /** Why the guards other capabilities answer refuse {@code event} now, or null. */
    private String otherGuardsRefusal(Application application, ApplicationEvent event) {
        return event.guards().stream().filter(g -> !g.decidedHere())
                .map(g -> guards.get(g).refusal(application, event)).filter(why -> why != null).findFirst().orElse(null);
    }

    private void move(Application application, ApplicationEvent event, Actor actor, String reason) {
        // The row is locked (findForUpdate), so the compare-and-set can only fail on a programming error.
        if (!repository.transition(application.id(), application.version(), application.state(), event.target(),
                clock.instant())) {
            throw ApplicationRefusal.CONCURRENT_CHANGE.refuse("application " + application.number()
                    + " was changed by someone else; reload it and try again");
        }
        audit.record(new AuditEntry(actor.auditName(), "application." + event.name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), "application", application.id().toString(), application.state() + " -> "
                        + event.target() + (reason == null || reason.isBlank() ? "" : ": " + reason)));
        for (Consequence consequence : event.consequences()) {
            if (consequence == Consequence.SET_PRODUCTION_DUE) {
                setProductionDue(application);
            } else {
                consequences.get(consequence).carryOut(application, event, actor, reason);
            }
        }
        events.publishEvent(new ApplicationMoved(application.id(), application.form().kind(), event,
                application.state(), event.target(), actor.auditName()));
    }

    /**
     * R-CH-2: a paper application is produced within 3 working days of the start; a year without calendar data
     * refuses. Online requests are issued at once and promise no date.
     */
    private void setProductionDue(Application application) {
        if (application.form().channel() != Channel.ONLINE) {
            LocalDate due = calendar.addWorkingDays(calendar.today(), 3);
            repository.setProductionDue(application.id(), due);
        }
    }
}
