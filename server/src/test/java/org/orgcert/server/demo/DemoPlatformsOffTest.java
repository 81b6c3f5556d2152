package org.orgcert.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;

/** Without {@code --demo} no demo platform is registered: a real service knows only the platforms its bureau registers. */
@ServiceTest
@AutoConfigureRestTestClient
class DemoPlatformsOffTest extends ServiceTestBase {
    @Autowired
    ApplicationContext context;

    @Test
    void aRealServiceRegistersNoDemoPlatform() {
        assertThat(context.getBeanNamesForType(DemoPlatforms.class)).isEmpty();
    }
}
