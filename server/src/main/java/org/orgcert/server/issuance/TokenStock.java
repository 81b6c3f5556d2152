package org.orgcert.server.issuance;

import org.orgcert.token.Token;

/**
 * The bureau's stock of blank USB keys. For now software tokens ({@link SoftwareTokenStock}); a PKCS#11
 * stock of real keys plugs in here (the token module has the {@code Pkcs11Token}).
 */
public interface TokenStock {

    /**
     * The serial of the next blank token, chosen without making or touching a token (for a stock of real keys:
     * the serial of the key picked next), so that the {@link TokenLedger} names the token before it leaves the
     * stock: a crash can then leave a ledger row without a token, never a token without a ledger row.
     */
    String reserveSerial();

    /**
     * Takes the blank token with {@code serial} (from {@link #reserveSerial}, written into the ledger),
     * initialised with {@code initialPin} and provisioned for the bureau's unblock authority (R-FEE-1 d).
     *
     * @param label a human label printed on the key
     */
    Token takeBlank(String serial, char[] initialPin, String label);

    /** Opens a token handed out before. */
    Token open(String serial);

    /**
     * Takes a token out of use (its key will never be certified). A serial that was reserved but whose token
     * was never made (a crash between the ledger and the stock) has nothing to take out: nothing happens.
     */
    void discard(String serial);
}
