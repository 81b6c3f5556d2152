package org.orgcert.server.issuance;

import java.util.Objects;
import java.util.UUID;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.name.Uscc;

/**
 * What the application capability asks for when an application reaches production.
 *
 * @param applicationId the application; at most one certificate is ever produced for it
 * @param employerName  the registered organisation name (goes into O and CN, R-CERT-5)
 * @param uscc          the employer's unified social credit code
 * @param algorithm     the key algorithm, or {@code null} for {@code orgcert.issuance.algorithm}
 * @param actor         who triggered production, for the audit log
 */
public record ProductionOrder(UUID applicationId, String employerName, Uscc uscc, KeyAlgorithm algorithm,
        String actor) {
    public ProductionOrder {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(employerName, "employerName");
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(actor, "actor");
    }
}
