package org.orgcert.server.workbench;

import java.util.List;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/workbench} (each role's queues) and {@code /api/v1/dashboard} (the bureau's figures). */
@RestController
class WorkbenchController {
    private final Workbench workbench;
    private final Dashboard dashboard;

    WorkbenchController(Workbench workbench, Dashboard dashboard) {
        this.workbench = workbench;
        this.dashboard = dashboard;
    }

    @GetMapping("/api/v1/workbench")
    List<Queue> queues(Actor actor) {
        return workbench.queues(actor);
    }

    @GetMapping("/api/v1/dashboard")
    Dashboard.Figures dashboard(Actor actor) {
        actor.require("the dashboard", StaffRole.BUREAU_ADMIN, StaffRole.AUDITOR);
        return dashboard.figures();
    }
}
