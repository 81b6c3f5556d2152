package org.orgcert.server.portal;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.demo.DemoCast;
import org.orgcert.server.demo.DemoSms;

import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /demo}, only in {@code ./orgcert serve --demo}: who a newcomer can be and where each role starts —
 * the staff logins (names only; the passwords stay in the data folder's file), the employers' agents' numbers
 * and the SMS the demo "sent" them, since no real SMS goes out. Without the demo it is the 404 page.
 */
@Controller
class DemoPage {
    private static final int TEXTS_PER_AGENT = 3;

    private final ObjectProvider<DemoSms> sms;
    private final Path loginsFile;

    DemoPage(ObjectProvider<DemoSms> sms, OrgCertProperties properties) {
        this.sms = sms;
        this.loginsFile = properties.dataDir().resolve(DemoCast.LOGINS_FILE).toAbsolutePath();
    }

    @GetMapping(PortalPaths.DEMO)
    String demo(Model model) {
        DemoSms phone = sms.getIfAvailable();
        if (phone == null) {
            throw PortalRefusal.NOT_A_DEMO.refuse("this service is not running as a demo");
        }
        model.addAttribute("staff", DemoCast.STAFF);
        model.addAttribute("loginsFile", loginsFile.toString());
        model.addAttribute("agents", DemoCast.AGENTS.stream()
                .map(a -> new AgentPhone(a, phone.latestTo(a.mobile(), TEXTS_PER_AGENT).stream()
                        .map(m -> new Sms(ShanghaiTime.at(m.createdAt()), m.text())).toList())).toList());
        return "portal/demo";
    }

    /** An agent of the demo and the newest texts to their number. */
    record AgentPhone(DemoCast.Agent agent, List<Sms> texts) {
    }

    /** A text as the phone shows it, at Kunming's time. */
    record Sms(ZonedDateTime at, String text) {
    }
}
