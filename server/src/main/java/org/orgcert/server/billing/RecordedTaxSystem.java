package org.orgcert.server.billing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/** The default tax adapter: records the request for staff (REQUESTED); staff mark it ISSUED. */
@Component
@ConditionalOnMissingBean(value = TaxSystem.class, ignored = RecordedTaxSystem.class)
class RecordedTaxSystem implements TaxSystem {
    @Override
    public Outcome submit(InvoiceRequest request) {
        return new Outcome(InvoiceRequest.State.REQUESTED, null);
    }
}
