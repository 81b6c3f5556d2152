package org.orgcert.token;

/**
 * Extension point, not implemented yet: a PKCS#11 device's own user-PIN counter and Security Officer unblock.
 *
 * <p>On real USB keys the retry counter should be the device's: it counts in tamper-resistant memory, which
 * no one can restore from a backup, and the SO unblocks by {@code C_Login(CKU_SO)} then
 * {@code C_InitPIN}. Java's SunPKCS11 provider offers neither through a public API ({@code C_InitPIN} and
 * {@code C_SetPIN} live in the internal {@code sun.security.pkcs11.wrapper}), and SoftHSM2 never locks a user
 * PIN, so {@link Pkcs11Token} today keeps the counter in its own side file (see its class comment for what
 * that does and does not protect). An implementation of this interface over a PKCS#11 binding that exposes
 * those calls (or a vendor's SDK) would let a hardware token keep the counter on the device, with the bureau's
 * unblock unwrapping an SO PIN instead of the user PIN.
 */
public interface DevicePinControl {
    /** Tries left on the device's own user-PIN counter, or -1 if the device does not report it. */
    int userPinRetriesLeft();

    /** Logs in as Security Officer with {@code soPin} and sets a new user PIN ({@code C_InitPIN}). */
    void initUserPin(char[] soPin, char[] newUserPin);

    /** Changes the user PIN ({@code C_SetPIN}). */
    void setUserPin(char[] oldPin, char[] newPin);
}
