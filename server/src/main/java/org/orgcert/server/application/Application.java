package org.orgcert.server.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An application as stored.
 *
 * @param id                 its id
 * @param number             the number staff and employers quote, e.g. {@code KM20261124-000042}
 * @param form               what was submitted
 * @param state              where it is
 * @param version            incremented by every change (compare-and-set)
 * @param submittedAt        when it was handed in
 * @param productionDue      for IN_PRODUCTION and later: the date production is due (R-CH-2)
 * @param overdueSince       the first day production was overdue, if it was
 * @param waybill            the EMS waybill number once shipped
 * @param certificateSerial  the certificate produced for it (hex), once produced
 * @param received           the materials staff have ticked as received and verified
 * @param forwardNote        why the window forwarded it without every paper (R-MAT, R-CH-4), or null
 */
public record Application(UUID id, String number, SubmitApplication form, ApplicationState state, int version,
        Instant submittedAt, LocalDate productionDue, LocalDate overdueSince, String waybill, String certificateSerial,
        Set<MaterialItem> received, String forwardNote) {

    /** The papers this application needs (R-MAT-1..4). */
    public List<MaterialItem> requiredMaterials() {
        return MaterialsChecklist.required(form.category(), form.legalRepInPerson(), form.delivery());
    }

    /** The required papers not yet ticked. */
    public List<MaterialItem> missingMaterials() {
        return requiredMaterials().stream().filter(item -> !received.contains(item)).toList();
    }
}
