package org.orgcert.server.delivery;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.orgcert.server.application.ApplicationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process's jobs, run by db-scheduler: each execution is picked by one node of the cluster, and every
 * job is idempotent, so a retried or doubled run changes nothing more.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryJobs {

    /** Phone notices from day 5 (R-CH-5), returns on day 46 (R-CH-7). Hourly: a day-granular rule. */
    @Bean
    RecurringTask<Void> pickupDeadlinesTask(PickupNotices notices) {
        return Tasks.recurring("pickup-deadlines", FixedDelay.ofMinutes(60)).execute((instance, context) -> {
            notices.createDueNotices();
            notices.returnUncollected();
        });
    }

    /** Production not done within 3 working days is flagged (R-CH-2). */
    @Bean
    RecurringTask<Void> productionOverdueTask(ApplicationService applications) {
        return Tasks.recurring("production-overdue", FixedDelay.ofMinutes(15))
                .execute((instance, context) -> applications.flagOverdueProduction("system:production-overdue"));
    }
}
