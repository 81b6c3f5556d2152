package org.orgcert.server.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.Consequence;
import org.orgcert.server.application.TransitionConsequence;
import org.orgcert.server.domain.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Once the employer was phoned, collected the key, or the key went back to the CA, the window's open call for
 * it is done (R-CH-5..7): it leaves the clerk's call list.
 */
@Component
class ClosePickupCall implements TransitionConsequence {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ClosePickupCall(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Consequence consequence() {
        return Consequence.CLOSE_PICKUP_CALL;
    }

    @Override
    public void carryOut(Application before, ApplicationEvent event, Actor actor) {
        jdbc.update("UPDATE phone_notice_task SET done_at = ?, done_by = ? WHERE application_id = ? AND done_at IS NULL",
                Timestamp.from(clock.instant()), actor.auditName(), before.id());
    }
}
