package org.orgcert.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Only the service writes checkpoints: a one-shot command such as {@code audit-verify} reads them. */
class AuditCheckpointerCommandTest {

    @Test
    @DisplayName("issue 12.5: the checkpointer does not run in one-shot commands")
    void noCheckpointerInACommand() {
        new ApplicationContextRunner().withUserConfiguration(AuditCheckpointer.class)
                .withPropertyValues("orgcert.command=audit-verify")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuditCheckpointer.class));
        // Without a command it is wanted (and here fails for want of the service's other beans).
        new ApplicationContextRunner().withUserConfiguration(AuditCheckpointer.class)
                .run(context -> assertThat(context).hasFailed());
    }
}
