package org.orgcert.server.billing;

/**
 * The tax authority's e-invoice system (电子普通发票), behind an adapter. The default
 * ({@link RecordedTaxSystem}) issues nothing itself: it leaves the request for staff, who issue the invoice
 * in the tax system and record its number.
 */
public interface TaxSystem {

    /** What became of a submitted request: ISSUED with the invoice number, or left REQUESTED for staff. */
    record Outcome(InvoiceRequest.State state, String taxReference) {
    }

    Outcome submit(InvoiceRequest request);
}
