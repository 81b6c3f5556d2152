package org.orgcert.server.lifecycle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Renewal reminders (R-REN-1) and the end of replaced certificates' grace period (R-FEE-1 c), run by db-scheduler
 * on one node at a time; both jobs are idempotent.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleJobs {

    @Bean
    RecurringTask<Void> renewalRemindersTask(RenewalReminders reminders) {
        return Tasks.recurring("renewal-reminders", FixedDelay.ofHours(6))
                .execute((instance, context) -> reminders.sendDue());
    }

    @Bean
    RecurringTask<Void> successorGraceTask(ReplacedCertificates replaced) {
        return Tasks.recurring("successor-grace", FixedDelay.ofHours(1))
                .execute((instance, context) -> replaced.endGrace());
    }
}
