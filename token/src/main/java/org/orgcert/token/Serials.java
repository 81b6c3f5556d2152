package org.orgcert.token;

/** Token serials: 1–64 ASCII letters, digits, '-' or '_', as printed on the key and typed by staff. */
final class Serials {
    private Serials() {
    }

    static String check(String serial) {
        if (serial == null || !serial.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new TokenException(TokenException.Kind.MALFORMED,
                    "A token serial has 1 to 64 letters, digits, '-' or '_'.");
        }
        return serial;
    }
}
