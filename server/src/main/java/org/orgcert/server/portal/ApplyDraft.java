package org.orgcert.server.portal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MailingAddress;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.employer.EmployerView;

/**
 * The apply wizard's answers as the steps send them (all text, so a wrong choice is shown back as typed),
 * kept in the session from the first step to the submission; nothing is stored before. Serializable: sessions
 * live in PostgreSQL. Holds no ID number; the legal representative's name and the employer's USCC come from
 * the register when the form is made, never from the browser.
 *
 * @param employer       step 1's answers
 * @param ready          the papers the agent ticked as ready (step 2; advisory, {@link MaterialItem} names)
 * @param channel        step 3: where the papers go in ({@link Channel} name)
 * @param delivery       step 3: how the key comes out ({@link Delivery} name)
 * @param place          step 4's answers
 * @param done           the steps the agent went on from; one counts as complete only while its answers pass too
 * @param idempotencyKey made once per draft: a double click on "submit" makes one application
 * @param replacesSerial for a reissue (补办, R-FEE-2) begun from a lost, damaged or cancelled certificate's page:
 *                       that certificate's serial, otherwise null
 */
record ApplyDraft(EmployerAnswers employer, Set<String> ready, String channel, String delivery, PlaceAnswers place,
        Set<ApplyStep> done, String idempotencyKey, String replacesSerial) implements Serializable {

    /** Between the two parts of an R-CH pair in the channel step's choices, e.g. {@code WINDOW:WINDOW_PICKUP}. */
    private static final String ROUTE_SEPARATOR = ":";

    /** Null sets are empty: a draft of the one-page form, from a session older than the wizard, has none. */
    ApplyDraft {
        ready = ready == null ? Set.of() : Set.copyOf(ready);
        done = done == null ? Set.of() : Set.copyOf(done);
    }

    /** A new draft for {@code employer}, pre-filled from the register; a window pick-up until chosen otherwise. */
    static ApplyDraft of(EmployerView employer, String idempotencyKey) {
        String category = employer.type() == null ? "" : employer.type().name();
        return new ApplyDraft(new EmployerAnswers(employer.id().toString(), ApplicationKind.NEW.name(), category,
                null, ""), Set.of(), Channel.WINDOW.name(), Delivery.WINDOW_PICKUP.name(),
                new PlaceAnswers("", "", "", "云南省", "昆明市", "", "", ""), Set.of(), idempotencyKey, null);
    }

    /** The same draft as a reissue of certificate {@code serial} (R-FEE-2). */
    ApplyDraft reissuing(String serial) {
        EmployerAnswers answers = new EmployerAnswers(employer.employerId(), ApplicationKind.REISSUE.name(),
                employer.category(), employer.legalRepInPerson(), employer.agentName());
        return new ApplyDraft(answers, ready, channel, delivery, place, done, idempotencyKey, serial);
    }

    ApplyDraft withEmployer(EmployerAnswers answers) {
        return new ApplyDraft(answers, ready, channel, delivery, place, done, idempotencyKey, replacesSerial);
    }

    /** With these papers ticked; names that are no paper are dropped. */
    ApplyDraft withReady(Collection<String> ticked) {
        Set<String> known = Arrays.stream(MaterialItem.values()).map(Enum::name).collect(Collectors.toSet());
        return new ApplyDraft(employer, ticked.stream().filter(known::contains).collect(Collectors.toSet()), channel,
                delivery, place, done, idempotencyKey, replacesSerial);
    }

    /** With the R-CH pair {@code CHANNEL:DELIVERY}; anything else leaves both unknown, which the check refuses. */
    ApplyDraft withRoute(String route) {
        String[] parts = route == null ? new String[0] : route.split(ROUTE_SEPARATOR, -1);
        return parts.length == 2 ? new ApplyDraft(employer, ready, parts[0], parts[1], place, done, idempotencyKey, replacesSerial)
                : new ApplyDraft(employer, ready, "", "", place, done, idempotencyKey, replacesSerial);
    }

    /** With step 4's answers; a part the page did not show (the window, or the address) stays as it was. */
    ApplyDraft withPlace(PlaceAnswers posted) {
        return new ApplyDraft(employer, ready, channel, delivery, place.updatedBy(posted), done, idempotencyKey, replacesSerial);
    }

    /** This draft with {@code step} gone on from. */
    ApplyDraft confirmed(ApplyStep step) {
        Set<ApplyStep> now = done.isEmpty() ? EnumSet.noneOf(ApplyStep.class) : EnumSet.copyOf(done);
        now.add(step);
        return new ApplyDraft(employer, ready, channel, delivery, place, now, idempotencyKey, replacesSerial);
    }

    /** The step 3 choice as the channel step's radio values: {@code CHANNEL:DELIVERY} (public: the template's). */
    public String route() {
        return route(channel, delivery);
    }

    /** The channel step's radio value of an R-CH pair. */
    static String route(String channel, String delivery) {
        return channel + ROUTE_SEPARATOR + delivery;
    }

    /**
     * The steps this draft goes through: step 4 is skipped once an R-CH pair needing neither a window nor an
     * address is chosen (at the CA hall, on the spot); while no valid pair is chosen it counts.
     */
    List<ApplyStep> steps() {
        boolean skipsPlace = channelChoice().flatMap(c -> deliveryChoice().filter(c::allows)
                .map(d -> c != Channel.WINDOW && d != Delivery.MAIL)).orElse(false);
        return Arrays.stream(ApplyStep.values())
                .filter(step -> step != ApplyStep.WINDOW_OR_ADDRESS || !skipsPlace).toList();
    }

    /** The step before {@code step} on this draft's way, none before the first. */
    Optional<ApplyStep> previous(ApplyStep step) {
        return steps().stream().filter(s -> s.compareTo(step) < 0).reduce((first, second) -> second);
    }

    /** The step after {@code step} on this draft's way. */
    ApplyStep next(ApplyStep step) {
        return steps().stream().filter(s -> s.compareTo(step) > 0).findFirst().orElse(ApplyStep.REVIEW);
    }

    Optional<Channel> channelChoice() {
        return parse(Channel.class, channel);
    }

    Optional<Delivery> deliveryChoice() {
        return parse(Delivery.class, delivery);
    }

    /** The application form these answers make for {@code employer}; unknown choices become null (refused). */
    SubmitApplication toForm(EmployerView employer) {
        Channel ch = channelChoice().orElse(null);
        Delivery de = deliveryChoice().orElse(null);
        String legalRep = employer.legalRepresentative() == null ? null : employer.legalRepresentative().name();
        // In person, the legal representative is the agent (R-MAT-5): the field may be left empty.
        String agentName = this.employer.agentName();
        String agent = this.employer.inPerson() && (agentName == null || agentName.isBlank()) ? legalRep
                : strip(agentName);
        // A window is kept when going back from step 4 to another channel: it counts only for a window application.
        String window = ch == Channel.WINDOW && place.windowId() != null && !place.windowId().isBlank()
                ? place.windowId().strip() : null;
        MailingAddress mail = de == Delivery.MAIL ? new MailingAddress(strip(place.recipient()), strip(place.phone()),
                strip(place.province()), strip(place.city()), strip(place.district()), strip(place.street()),
                strip(place.postalCode())) : null;
        return new SubmitApplication(parse(ApplicationKind.class, this.employer.kind()).orElse(null), employer.name(),
                employer.uscc(), parse(EmployerType.class, this.employer.category()).orElse(null), legalRep,
                this.employer.inPerson(), agent, ch, de, window, mail,
                ApplicationKind.REISSUE.name().equals(this.employer.kind()) ? replacesSerial : null);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * Step 1 as posted.
     *
     * @param legalRepInPerson a ticked checkbox sends {@code true}, an unticked one nothing
     */
    record EmployerAnswers(String employerId, String kind, String category, String legalRepInPerson,
            String agentName) implements Serializable {

        /** Whether the legal representative applies in person. */
        public boolean inPerson() {
            return "true".equals(legalRepInPerson) || "on".equals(legalRepInPerson);
        }
    }

    /**
     * Step 4 as posted: the window (for channel WINDOW) and the mailing address (for delivery MAIL). Both are
     * kept whatever step 3 says, so going back and forth loses nothing; {@link #toForm} uses what applies.
     */
    record PlaceAnswers(String windowId, String recipient, String phone, String province, String city,
            String district, String street, String postalCode) implements Serializable {

        /** These answers with each field {@code posted} sent (a field the page did not show is null). */
        PlaceAnswers updatedBy(PlaceAnswers posted) {
            return new PlaceAnswers(or(posted.windowId, windowId), or(posted.recipient, recipient),
                    or(posted.phone, phone), or(posted.province, province), or(posted.city, city),
                    or(posted.district, district), or(posted.street, street), or(posted.postalCode, postalCode));
        }

        private static String or(String posted, String kept) {
            return posted != null ? posted : kept;
        }
    }
}
