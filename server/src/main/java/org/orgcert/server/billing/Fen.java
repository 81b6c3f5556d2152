package org.orgcert.server.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount of money in fen (1 yuan = 100 fen), exact: never a floating-point number. JSON shows the fen.
 *
 * @param value the amount in fen
 */
public record Fen(@JsonValue long value) implements Comparable<Fen> {
    public static final Fen ZERO = new Fen(0);

    public static Fen yuan(long yuan) {
        return new Fen(Math.multiplyExact(yuan, 100));
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    public boolean isPositive() {
        return value > 0;
    }

    @Override
    public int compareTo(Fen other) {
        return Long.compare(value, other.value);
    }

    /** {@code 220.00}: yuan with two decimals, for people and CSV files. */
    @Override
    public String toString() {
        long abs = Math.abs(value);
        return (value < 0 ? "-" : "") + abs / 100 + "." + String.format("%02d", abs % 100);
    }
}
