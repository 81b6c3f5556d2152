package org.orgcert.server.application;

import java.util.EnumSet;
import java.util.Set;

/** Where the application goes in, and how each channel may deliver (the table of R-CH). */
public enum Channel {
    /** At the CA's service hall (recommended): on the spot, or by mail (R-CH-3). */
    CA_HALL(EnumSet.of(Delivery.ON_THE_SPOT, Delivery.MAIL)),
    /** Mailed to the CA: delivered by mail only (R-CH-1, R-CH-2). */
    MAIL(EnumSet.of(Delivery.MAIL)),
    /** At a county/district window, forwarded to the CA in batches (R-CH-4): by mail or pick-up there. */
    WINDOW(EnumSet.of(Delivery.MAIL, Delivery.WINDOW_PICKUP)),
    /**
     * Remote, for a certificate already on the employer's USB key (R-REN-2): renewal, information change,
     * unlock. The service files these itself; the public submission refuses this channel.
     */
    ONLINE(EnumSet.of(Delivery.TO_TOKEN));

    private final Set<Delivery> deliveries;

    Channel(Set<Delivery> deliveries) {
        this.deliveries = deliveries;
    }

    /** True when R-CH allows {@code delivery} for this channel. */
    public boolean allows(Delivery delivery) {
        return deliveries.contains(delivery);
    }

    /** The deliveries R-CH allows for this channel. */
    public Set<Delivery> deliveries() {
        return EnumSet.copyOf(deliveries);
    }
}
