package org.orgcert.server.application;

/** How the produced USB key reaches the employer (R-CH). */
public enum Delivery {
    /** Handed over at the CA hall right after production (立等可取, R-CH-3). */
    ON_THE_SPOT,
    /** By EMS to the address of the mailing-address form; the CA pays the postage (R-CH-1, R-MAT-4). */
    MAIL,
    /** Collected at the window where it was submitted (R-CH-5..7). */
    WINDOW_PICKUP,
    /** No new key: the certificate is written to the employer's own USB key by the assistant (R-REN-2). */
    TO_TOKEN
}
