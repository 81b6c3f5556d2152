package org.orgcert.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.billing.Payments;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeded random walks over the application process: every role, another window's clerk, an agent of this and of
 * another employer and the service itself try random events (and ticks) in random order. Whatever they try, an
 * application only ever moves along a row of the table, by an actor that row allows, and what the row promises
 * is there afterwards (issue 11: "random sequences of (actor, event) never reach a state the table forbids").
 */
@ServiceTest
class ProcessPropertyTest extends ServiceTestBase {
    private static final long SEED = 20261207L;
    private static final int APPLICATIONS = 12;
    private static final int STEPS = 600;

    @Autowired
    ApplicationService applications;
    @Autowired
    Payments payments;
    @Autowired
    BundledInsuranceRegistry registry;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void randomActorsAndEventsNeverLeaveTheTable_seed20261207() {
        Random random = new Random(SEED);
        List<UUID> ids = new ArrayList<>();
        List<Actor> actors = new ArrayList<>(List.of(
                new Actor.Staff("p-clerk-wuhua", StaffRole.WINDOW_CLERK, "wuhua"),
                new Actor.Staff("p-clerk-fumin", StaffRole.WINDOW_CLERK, "fumin"),
                new Actor.Staff("p-ca-clerk", StaffRole.CA_CLERK, null),
                new Actor.Staff("p-reviewer", StaffRole.CA_REVIEWER, null),
                new Actor.Staff("p-operator", StaffRole.CA_OPERATOR, null),
                new Actor.Staff("p-service", StaffRole.CA_SERVICE, null),
                new Actor.Staff("p-admin", StaffRole.BUREAU_ADMIN, null),
                Actor.system("property-test")));
        List<String> usccs = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            Uscc uscc = TestUscc.next();
            usccs.add(uscc.value());
            boolean window = random.nextBoolean();
            // Half of them have a matching insurance record, so review can pass; a third are a second
            // certificate (ADDITIONAL: paid, so approval leads to AWAITING_PAYMENT).
            if (random.nextBoolean()) {
                registry.importCsv(new java.io.StringReader("record_id,uscc,name,legal_representative,insuring_division\n"
                        + "P-" + uscc + "," + uscc + ",昆明市性质测试有限公司,张三,530102\n"), "test");
            }
            SubmitApplication form = new SubmitApplication(i % 3 == 0 ? ApplicationKind.ADDITIONAL : ApplicationKind.NEW,
                    "昆明市性质测试有限公司", uscc, EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三",
                    window ? Channel.WINDOW : Channel.CA_HALL, window ? Delivery.WINDOW_PICKUP : Delivery.ON_THE_SPOT,
                    window ? "wuhua" : null, null);
            Actor submitter = window ? actors.get(0) : actors.get(2);
            ids.add(applications.submit(form, null, submitter).id());
        }
        actors.add(new Actor.EmployerAgent("138****0001", java.util.Set.of(UUID.randomUUID()), java.util.Set.of(usccs.get(0))));
        actors.add(new Actor.EmployerAgent("138****0002", java.util.Set.of(UUID.randomUUID()), java.util.Set.of("none")));

        ApplicationEvent[] events = ApplicationEvent.values();
        int applied = 0;
        for (int step = 0; step < STEPS; step++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            Application before = applications.get(id);
            // Mostly an event the state has a row for, and an actor of the row's kind, so the walk goes deep; the
            // rest at random, so every refusal is tried too.
            List<ApplicationEvent> fromHere = java.util.Arrays.stream(events)
                    .filter(e -> e.sources().contains(before.state())).toList();
            ApplicationEvent event = !fromHere.isEmpty() && random.nextInt(4) > 0
                    ? fromHere.get(random.nextInt(fromHere.size())) : events[random.nextInt(events.length)];
            List<Actor> fitting = actors.stream().filter(a -> fits(a, event)).toList();
            Actor actor = !fitting.isEmpty() && random.nextBoolean() ? fitting.get(random.nextInt(fitting.size()))
                    : actors.get(random.nextInt(actors.size()));
            if (random.nextInt(3) == 0) {
                List<MaterialItem> required = before.requiredMaterials();
                MaterialItem item = required.get(random.nextInt(required.size()));
                Actor ticker = random.nextBoolean() ? actors.get(random.nextInt(4)) : actor;
                tryIt(() -> applications.tick(id, List.of(item), ticker));
                continue;
            }
            String reason = random.nextInt(4) == 0 ? "材料后补" : null;
            boolean refused = tryIt(() -> applications.apply(id, event, actor, reason));
            Application after = applications.get(id);
            if (refused) {
                assertThat(after.state()).as("a refused %s by %s changes nothing", event, actor.auditName())
                        .isEqualTo(before.state());
                continue;
            }
            applied++;
            assertThat(event.sources()).as("%s from %s", event, before.state()).contains(before.state());
            assertThat(after.state()).isIn(event.target(), ApplicationState.AWAITING_PAYMENT);
            allowedBy(event, actor, before);
            promisesKept(event, before, after);
        }
        assertThat(applied).as("the walk must move applications, or it proves nothing").isGreaterThan(STEPS / 40);
        for (UUID id : ids) {
            Application application = applications.get(id);
            if (application.state() == ApplicationState.APPROVED || application.state() == ApplicationState.IN_PRODUCTION) {
                assertThat(payments.outstanding(id).isPositive()).as("nothing owed once approved").isFalse();
            }
        }
    }

    private static boolean fits(Actor actor, ApplicationEvent event) {
        if (actor instanceof Actor.Staff staff) {
            return event.who().roles().contains(staff.role());
        }
        return actor instanceof Actor.EmployerAgent ? event.who().owner() : event.who().system();
    }

    private static void allowedBy(ApplicationEvent event, Actor actor, Application application) {
        if (actor instanceof Actor.Staff staff) {
            assertThat(event.who().roles()).as("%s by %s", event, staff.username()).contains(staff.role());
            assertThat(staff.isClerkOfOtherWindow(application.form().windowId())).isFalse();
        } else if (actor instanceof Actor.EmployerAgent agent) {
            assertThat(event.who().owner()).isTrue();
            assertThat(agent.actsFor(application.form().uscc().value())).isTrue();
        } else {
            assertThat(event.who().system()).as("%s by the service", event).isTrue();
        }
    }

    private void promisesKept(ApplicationEvent event, Application before, Application after) {
        switch (event) {
            case APPROVE -> {
                assertThat(before.missingMaterials()).as("R-MAT: approved with every paper").isEmpty();
                if (payments.outstanding(after.id()).isPositive()) {
                    assertThat(after.state()).as("R-FEE-4: owed means awaiting payment").isEqualTo(ApplicationState.AWAITING_PAYMENT);
                }
            }
            case PAYMENT_SETTLED, START_PRODUCTION ->
                    assertThat(payments.outstanding(after.id()).isPositive()).as("R-FEE-2..4").isFalse();
            case FORWARD -> {
                if (!before.missingMaterials().isEmpty()) {
                    assertThat(after.forwardNote()).as("R-CH-4: the reason is kept for the CA").isEqualTo("材料后补");
                }
            }
            case WITHDRAW -> assertThat(jdbc.queryForObject("SELECT count(*) FROM charge WHERE application_id = ?"
                    + " AND voided_at IS NULL", Long.class, after.id())).as("nothing stays booked").isZero();
            default -> {
            }
        }
    }

    /** Runs {@code step}; true when it was refused (a typed refusal, nothing else). */
    private static boolean tryIt(Runnable step) {
        try {
            step.run();
            return false;
        } catch (Refusal refused) {
            return true;
        }
    }
}
