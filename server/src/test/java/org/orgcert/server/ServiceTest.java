package org.orgcert.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test of the whole service on real PostgreSQL ({@link TestDatabase}) behind a real HTTP port. Test
 * classes that use it also declare {@code @DynamicPropertySource} calling {@link TestDatabase#register}
 * (through {@link ServiceTestBase}). All share one Spring context (same annotations and properties), with
 * the hand-set clock of {@link TestClockConfiguration} and the staff accounts of {@link TestStaff}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orgcert.data-dir=target/test-data",
                // RSA-3072 CA keys take seconds to generate; tests that need RSA enable it themselves.
                "orgcert.issuance.hierarchies=sm2,ecdsa-p256",
                // Test tokens: a cheap PIN key (production keeps scrypt N = 2^17 per token file).
                "orgcert.issuance.token-kdf-log2n=10",
                // Jobs run when a test calls them, at the test clock's time, never in the background.
                "db-scheduler.enabled=false",
                // Test passwords hash cheaply; production keeps bcrypt cost 10.
                "orgcert.account.bcrypt-strength=4",
                // Tests play the TLS proxy from loopback (X-Forwarded-Proto); production believes no one by default.
                "orgcert.http.trusted-proxies=127.0.0.1",
                // The whole suite asks for sign-in codes from one address; CodeRequestLimitsTest checks the limits.
                "orgcert.account.code-requests.per-client-15min=1000000",
                "orgcert.account.code-requests.per-client-day=1000000",
                "orgcert.account.code-requests.all-per-minute=1000000",
                "orgcert.account.code-requests.all-per-day=1000000",
                // Audit checkpoints when a test writes one, in a file of this run only (the database is new too).
                "orgcert.audit.checkpoint-every=0s",
                // One audit key for every test context: they share the test database (some use other data folders).
                "orgcert.audit.key-folder=target/test-data/keys",
                "orgcert.audit.checkpoint-file=target/test-data/audit-${random.uuid}/checkpoints"})
@Import({TestClockConfiguration.class, TestStaff.class})
public @interface ServiceTest {
}
