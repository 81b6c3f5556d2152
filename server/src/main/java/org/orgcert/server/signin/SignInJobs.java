package org.orgcert.server.signin;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sign-in's housekeeping, run by db-scheduler (one node per run): old challenges and authorizations go. */
@Configuration(proxyBeanMethods = false)
class SignInJobs {

    @Bean
    RecurringTask<Void> signInSweepTask(SignInChallenges challenges, KeySignInAuthorizations authorizations) {
        return Tasks.recurring("signin-sweep", FixedDelay.ofMinutes(10)).execute((instance, context) -> {
            challenges.sweep();
            authorizations.sweep();
        });
    }
}
