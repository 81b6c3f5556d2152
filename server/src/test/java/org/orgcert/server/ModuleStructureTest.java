package org.orgcert.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The capability packages keep their boundaries: no cycles between them and no use of another's internals
 * (architecture: "one package per capability").
 */
class ModuleStructureTest {

    @Test
    void capabilitiesKeepTheirBoundaries() {
        ApplicationModules.of(OrgCertApplication.class).verify();
    }
}
