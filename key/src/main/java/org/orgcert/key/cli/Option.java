package org.orgcert.key.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The options of {@code orgcert-key}; none of them ever holds a secret, only the name of where one is. */
enum Option {
    TOKEN_FILE("--token-file", "PATH", "a software token file"),
    DEVICE_KEY("--device-key", "PATH", "the 32-byte device key file of the token"),
    PKCS11_LIBRARY("--pkcs11-library", "PATH", "the PKCS#11 module of a USB key (e.g. /usr/lib/softhsm/libsofthsm2.so)"),
    PKCS11_SLOT("--pkcs11-slot", "ID", "the PKCS#11 slot id"),
    SIDE_FILE("--side-file", "PATH", "the PKCS#11 token's side file (PIN counter)"),
    SERVICE("--service", "URL", "the OrgCert service (default http://localhost:8080)"),
    PIN_ENV("--pin-env", "NAME", "read the PIN from environment variable NAME instead of the console"),
    NEW_PIN_ENV("--new-pin-env", "NAME", "read the new PIN from environment variable NAME"),
    CHALLENGE("--challenge", "BASE64", "the bytes to sign"),
    MOBILE("--mobile", "NUMBER", "the employer agent's mobile number (sign-in by SMS code)"),
    CODE_ENV("--code-env", "NAME", "read the SMS code from environment variable NAME (sent before by send-code)"),
    REQUEST("--request", "ID", "wait for an unlock request filed before instead of filing one"),
    WAIT_MINUTES("--wait-minutes", "N", "how long to wait for the bureau's decision (default 30)"),
    SERIAL("--serial", "HEX", "the certificate's serial"),
    REASON("--reason", "LOST|DAMAGED|CANCELLED", "why the certificate ends"),
    PORT("--port", "N", "the local API's port on 127.0.0.1 (default 17017)"),
    ALLOWED_ORIGIN("--allowed-origin", "URL", "another web origin whose pages may use the whole local API"
            + " (repeatable; the service's always may, the platforms it lists may sign in)");

    private final String flag;
    private final String value;
    private final String help;

    Option(String flag, String value, String help) {
        this.flag = flag;
        this.value = value;
        this.help = help;
    }

    static Optional<Option> of(String flag) {
        return Arrays.stream(values()).filter(o -> o.flag.equals(flag)).findFirst();
    }

    static Set<Option> tokenOptions() {
        return EnumSet.of(TOKEN_FILE, DEVICE_KEY, PKCS11_LIBRARY, PKCS11_SLOT, SIDE_FILE);
    }

    /** Whether the option may be given more than once. */
    boolean repeatable() {
        return this == ALLOWED_ORIGIN;
    }

    String flag() {
        return flag;
    }

    String value() {
        return value;
    }

    String help() {
        return help;
    }
}
