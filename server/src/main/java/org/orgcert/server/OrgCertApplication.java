package org.orgcert.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The OrgCert service: one deployable with a package per business capability (see docs/architecture.md).
 * Started by {@code ./orgcert serve}; on its embedded PostgreSQL unless {@code ORGCERT_DB_URL} is set.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrgCertApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrgCertApplication.class, args);
    }
}
