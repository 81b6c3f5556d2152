package org.orgcert.server.portal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MailingAddress;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.employer.EmployerView;

/**
 * The apply wizard's answers as the form sends them (all text, so a wrong choice is shown back as typed), kept
 * in the session between the form and the review. Serializable: sessions live in PostgreSQL. Holds no ID
 * number; the legal representative's name and the employer's USCC come from the register when the form is
 * made, never from the browser.
 *
 * @param idempotencyKey made once per draft: a double click on "submit" makes one application
 */
record ApplyDraft(String employerId, String kind, String category, String legalRepInPerson, String agentName,
        String channel, String delivery, String windowId, String recipient, String phone, String province,
        String city, String district, String street, String postalCode, String idempotencyKey)
        implements Serializable {

    /** A new draft for {@code employer}, pre-filled from the register. */
    static ApplyDraft of(EmployerView employer, String idempotencyKey) {
        return new ApplyDraft(employer.id().toString(), ApplicationKind.NEW.name(), employer.type().name(), null, "",
                Channel.WINDOW.name(), Delivery.WINDOW_PICKUP.name(), "", "", "", "云南省", "昆明市", "", "", "",
                idempotencyKey);
    }

    /** This draft with another idempotency key (the form never sends one). */
    ApplyDraft withKey(String key) {
        return new ApplyDraft(employerId, kind, category, legalRepInPerson, agentName, channel, delivery, windowId,
                recipient, phone, province, city, district, street, postalCode, key);
    }

    /** Whether the legal representative applies in person (a checkbox sends "true"). */
    public boolean inPerson() {
        return "true".equals(legalRepInPerson) || "on".equals(legalRepInPerson);
    }

    /** The application form these answers make for {@code employer}; unknown choices become null (refused). */
    SubmitApplication toForm(EmployerView employer) {
        Channel ch = parse(Channel.class, channel).orElse(null);
        Delivery de = parse(Delivery.class, delivery).orElse(null);
        String legalRep = employer.legalRepresentative() == null ? null : employer.legalRepresentative().name();
        // In person, the legal representative is the agent (R-MAT-5): the field may be left empty.
        String agent = inPerson() && (agentName == null || agentName.isBlank()) ? legalRep : strip(agentName);
        // The window list is sent whatever the channel: it counts only for a window application.
        String window = ch == Channel.WINDOW && windowId != null && !windowId.isBlank() ? windowId.strip() : null;
        MailingAddress mail = de == Delivery.MAIL ? new MailingAddress(strip(recipient), strip(phone),
                strip(province), strip(city), strip(district), strip(street), strip(postalCode)) : null;
        return new SubmitApplication(parse(ApplicationKind.class, kind).orElse(null), employer.name(),
                employer.uscc(), parse(EmployerType.class, category).orElse(null), legalRep, inPerson(), agent, ch, de,
                window, mail);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
    }
}
