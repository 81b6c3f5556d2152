package org.orgcert.server.lifecycle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Renewal reminders (R-REN-1), run by db-scheduler on one node at a time; the job is idempotent. */
@Configuration(proxyBeanMethods = false)
class LifecycleJobs {

    @Bean
    RecurringTask<Void> renewalRemindersTask(RenewalReminders reminders) {
        return Tasks.recurring("renewal-reminders", FixedDelay.ofHours(6))
                .execute((instance, context) -> reminders.sendDue());
    }
}
