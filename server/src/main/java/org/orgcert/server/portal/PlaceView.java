package org.orgcert.server.portal;

import java.util.List;

/**
 * A window or the CA hall as the windows page shows it.
 *
 * @param id      the window's id ({@code ca-hall} for the hall), for the page's anchors and tests
 * @param name    the office's name (Chinese, as on site)
 * @param address where it is
 * @param phones  its phone numbers, with links that dial them
 * @param hours   its periods on a working day, e.g. {@code 09:00–12:00}
 * @param open    open now; null when the calendar cannot tell
 * @param status  the sentence saying so, in the page's language
 */
public record PlaceView(String id, String name, String address, List<Phone> phones, List<String> hours,
        Boolean open, String status) {
    public PlaceView {
        phones = List.copyOf(phones);
        hours = List.copyOf(hours);
    }

    /** A place with its phone numbers as the directory writes them, e.g. {@code 0871-63588349}. */
    static PlaceView of(String id, String name, String address, List<String> phones, List<String> hours, Boolean open,
            String status) {
        return new PlaceView(id, name, address, phones.stream().map(Phone::of).toList(), hours, open, status);
    }

    /**
     * A phone number and the link that dials it.
     *
     * @param number as shown, e.g. {@code 0871-63588349}
     * @param href   {@code tel:087163588349}
     */
    public record Phone(String number, String href) {
        static Phone of(String number) {
            return new Phone(number, "tel:" + number.replaceAll("[^0-9+]", ""));
        }
    }
}
