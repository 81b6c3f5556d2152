package org.orgcert.server.review;

import java.util.List;

/**
 * The adapter to the unemployment-insurance system (R-REV interpretation). The default implementation is
 * {@link BundledInsuranceRegistry}, tables filled from CSV; a bureau replaces it with a client of the real
 * system without touching review.
 */
public interface InsuranceRegistry {

    /** Every record for this USCC (none, one, or several that must be merged, R-REV-2). */
    List<InsuranceRecord> findByUscc(String uscc);

    /** Updates a record to the certificate's data after the employer agreed on the phone (R-REV-3). */
    void updateToCertificateData(String recordId, String name, String legalRepresentative);
}
