package org.orgcert.server.employer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of an employer: personal numbers masked ({@code 110105********002X}, {@code 138****5678}).
 *
 * @param type          null while unknown
 * @param suggestedType what the USCC suggests (R-MAT-1), or null; helps staff confirm
 */
record EmployerResponse(UUID id, String uscc, String name, String type, boolean typeConfirmed, String suggestedType,
        JurisdictionJson jurisdiction, EmployerView.LegalRepresentativeView legalRepresentative,
        List<EmployerView.ContactView> contacts, String address, Instant createdAt, Instant updatedAt, long version) {

    /** Inside Kunming or not, and whether staff decided it (with the reason). */
    record JurisdictionJson(boolean insideKunming, boolean overridden, String overrideReason) {
    }

    static EmployerResponse of(EmployerView view) {
        return new EmployerResponse(view.id(), view.uscc().value(), view.name(),
                view.type() == null ? null : view.type().name(), view.typeConfirmed(),
                EmployerType.suggestedFor(view.uscc()).map(Enum::name).orElse(null),
                new JurisdictionJson(view.jurisdiction().insideKunming(), view.jurisdiction().overridden(),
                        view.jurisdiction().overrideReason()),
                view.legalRepresentative(), view.contacts(), view.address(), view.createdAt(), view.updatedAt(),
                view.version());
    }
}
