package org.orgcert.server.directory;

import java.util.List;
import java.util.Objects;

/**
 * One of the 18 county/district public employment service windows where employers hand in applications
 * and may pick up their certificates (R-CH-4, R-CH-5, R-CH-8). Open on working days of the PRC calendar
 * during {@code hours}.
 *
 * @param id           a stable short id, e.g. {@code wuhua}
 * @param name         the office, e.g. {@code 五华区劳动就业服务局}
 * @param divisionCode the administrative division code (e.g. {@code 530102}); null where the directory
 *                     gives none (development zones)
 * @param address      where the window is
 * @param phones       its phone numbers, e.g. {@code 0871-63588349}
 * @param hours        its opening periods on a working day, in order
 */
public record ServiceWindow(String id, String name, String divisionCode, String address, List<String> phones,
        List<OpeningHours> hours) {
    public ServiceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        phones = List.copyOf(phones);
        hours = List.copyOf(hours);
        if (hours.isEmpty()) {
            throw new IllegalArgumentException(id + ": a window needs opening hours");
        }
    }
}
