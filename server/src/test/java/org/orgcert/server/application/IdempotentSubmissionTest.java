package org.orgcert.server.application;

import org.orgcert.server.TestActors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.employer.EmployerType;
import org.springframework.beans.factory.annotation.Autowired;

/** A submission repeated at the same moment with one idempotency key (a double click) makes one application. */
@ServiceTest
class IdempotentSubmissionTest extends ServiceTestBase {
    @Autowired
    ApplicationService applications;

    @Test
    void eightSimultaneousSubmissionsWithOneKeyMakeOneApplication() throws Exception {
        SubmitApplication form = new SubmitApplication(ApplicationKind.NEW, "昆明市双击测试有限公司", TestUscc.next(),
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, "张三", true, "张三", Channel.CA_HALL,
                Delivery.ON_THE_SPOT, null, null);
        String key = "double-click-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UUID>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return applications.submit(form, key, TestActors.CA_CLERK).id();
            }));
        }
        start.countDown();
        UUID first = results.get(0).get();
        for (Future<UUID> result : results) {
            assertThat(result.get()).isEqualTo(first);
        }
        pool.shutdown();
    }
}
