package org.orgcert.server.application;

/** How the produced USB key reaches the employer (R-CH). */
public enum Delivery {
    /** Handed over at the CA hall right after production (立等可取, R-CH-3). */
    ON_THE_SPOT,
    /** By EMS to the address of the mailing-address form; the CA pays the postage (R-CH-1, R-MAT-4). */
    MAIL,
    /** Collected at the window where it was submitted (R-CH-5..7). */
    WINDOW_PICKUP
}
