package org.orgcert.server.demo;

import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.domain.Actor;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.account.StaffAccounts;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MailingAddress;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.employer.EmployerRegistration;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.review.BundledInsuranceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code ./orgcert serve --demo}: one staff login per role ({@link DemoCast}), three employers (one of each kind of R-MAT-1)
 * with insurance records that show each review outcome (matching, a name to confirm by phone, two records
 * to merge), and one application in each channel, so a newcomer can play every role. Loaded once per
 * database; the generated passwords go to {@code <data dir>/demo-logins.txt} (mode 0600), never to the log.
 */
@Component
@ConditionalOnProperty(name = "orgcert.demo", havingValue = "true")
class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final String ACTOR = "system:demo";
    /** The demo's applications are handed in as the demo's clerks would (the service itself hands in nothing). */
    private static final Actor DEMO_WINDOW_CLERK = new Actor.Staff("clerk-wuhua", StaffRole.WINDOW_CLERK, "wuhua");
    private static final Actor DEMO_CA_CLERK = new Actor.Staff("ca-clerk", StaffRole.CA_CLERK, null);
    private final StaffAccounts staff;
    private final EmployerRegistration employers;
    private final BundledInsuranceRegistry registry;
    private final ApplicationService applications;
    private final OrgCertProperties properties;

    DemoData(StaffAccounts staff, EmployerRegistration employers, BundledInsuranceRegistry registry,
            ApplicationService applications, OrgCertProperties properties) {
        this.staff = staff;
        this.employers = employers;
        this.registry = registry;
        this.applications = applications;
        this.properties = properties;
    }

    /** After the first admin exists ({@code InitialAdmin} runs first), so the demo adds to it. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void load() throws IOException {
        Path logins = properties.dataDir().resolve(DemoCast.LOGINS_FILE);
        // The database says whether the demo is loaded (the logins file may be deleted, as it asks).
        if (applications.submittedWithKey("demo-1")) {
            LOG.info("demo data already loaded; logins in {} unless deleted", logins.toAbsolutePath());
            return;
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (DemoCast.Staff person : DemoCast.STAFF) {
            char[] password = password();
            staff.create(person.username(), person.role(), person.window(), password, ACTOR);
            passwords.put(person.username() + " (" + person.role()
                    + (person.window() == null ? "" : ", window " + person.window()) + ")", new String(password));
        }
        Uscc enterprise = Uscc.complete("91", "530102", "MA6K0001");
        Uscc institution = Uscc.complete("12", "530100", "MB0Q0002");
        Uscc association = Uscc.complete("51", "530100", "MJ000003");
        employers.register(new EmployerRegistration.Details(enterprise.value(), "昆明市演示科技有限公司",
                "昆明市五华区正义路1号", "张三", "11010519491231002X", "13800000001", "李四", "13800000002"), ACTOR);
        employers.register(new EmployerRegistration.Details(institution.value(), "昆明市演示职业培训学校",
                "昆明市盘龙区北京路2号", "王五", "11010519491231002X", "13800000003", "赵六", "13800000004"), ACTOR);
        employers.register(new EmployerRegistration.Details(association.value(), "昆明市演示行业协会",
                "昆明市官渡区官南大道3号", "孙七", "11010519491231002X", "13800000005", "周八", "13800000006"), ACTOR);
        registry.importCsv(new StringReader("record_id,uscc,name,legal_representative,insuring_division\n"
                + "DEMO-1," + enterprise + ",昆明市演示科技有限公司,张三,530102\n"
                + "DEMO-2," + institution + ",昆明市演示职业培训中心,王五,530103\n"
                + "DEMO-3," + association + ",昆明市演示行业协会,孙七,530111\n"
                + "DEMO-4," + association + ",昆明市演示行业协会,孙七,530102\n"), ACTOR);
        applications.submit(new SubmitApplication(ApplicationKind.NEW, "昆明市演示科技有限公司", enterprise,
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", false, "李四", Channel.WINDOW,
                Delivery.WINDOW_PICKUP, "wuhua", null), "demo-1", DEMO_WINDOW_CLERK);
        var hall = applications.submit(new SubmitApplication(ApplicationKind.NEW, "昆明市演示职业培训学校", institution,
                EmployerType.STATE_ORGAN_OR_PUBLIC_INSTITUTION, "王五", true, "王五", Channel.CA_HALL, Delivery.MAIL,
                null, new MailingAddress("王五", "13800000003", "云南省", "昆明市", "盘龙区", "北京路2号", "650000")),
                "demo-2", DEMO_CA_CLERK);
        applications.apply(hall.id(), ApplicationEvent.RECEIVE, DEMO_CA_CLERK, "demo");
        applications.submit(new SubmitApplication(ApplicationKind.NEW, "昆明市演示行业协会", association,
                EmployerType.SOCIAL_ORGANISATION, "孙七", false, "周八", Channel.MAIL, Delivery.MAIL, null,
                new MailingAddress("周八", "13800000006", "云南省", "昆明市", "官渡区", "官南大道3号", "650200")),
                "demo-3", DEMO_CA_CLERK);
        write(logins, passwords);
        LOG.info("demo data loaded: {} staff logins (one per role) in {}; the /demo page shows the employers' numbers"
                + " and their SMS", DemoCast.STAFF.size(), logins.toAbsolutePath());
    }

    private static char[] password() {
        String alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        char[] password = new char[14];
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return password;
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        StringBuilder text = new StringBuilder("# OrgCert demo staff logins (user: password). Delete this file when done.\n");
        passwords.forEach((user, password) -> text.append(user).append(": ").append(password).append('\n'));
        text.append("# Employer agents sign in at /my/login with mobile 13800000001 to 13800000006; the demo shows\n"
                + "# the one-time code on the sign-in page and at /demo (no SMS is sent).\n");
        Files.createDirectories(file.getParent());
        // Replaced if left from an earlier database: the passwords are this load's.
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
