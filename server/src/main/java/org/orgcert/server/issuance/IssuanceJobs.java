package org.orgcert.server.issuance;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Issuance's jobs, run by db-scheduler on one node at a time; each is idempotent. */
@Configuration(proxyBeanMethods = false)
class IssuanceJobs {

    /** Tokens of failed or dead productions are discarded within minutes, not only at the next start. */
    @Bean
    RecurringTask<Void> tokenSweepTask(TokenSweep sweep) {
        return Tasks.recurring("token-sweep", FixedDelay.ofMinutes(10)).execute((instance, context) -> sweep.sweep());
    }
}
