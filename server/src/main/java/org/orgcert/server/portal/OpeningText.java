package org.orgcert.server.portal;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.directory.Opening;
import org.springframework.context.MessageSource;

/**
 * Says in words whether a place is open (R-CH-8): "open now, until 12:00", "closed now; opens tomorrow at
 * 09:00", or a date when the next opening is further away (after a holiday). Plain code: the messages
 * and the moment are passed in.
 */
final class OpeningText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final MessageSource messages;
    private final Locale locale;
    private final ZonedDateTime now;

    OpeningText(MessageSource messages, Locale locale, ZonedDateTime now) {
        this.messages = messages;
        this.locale = locale;
        this.now = now.withZoneSameInstant(ShanghaiTime.ZONE);
    }

    /** The sentence for {@code opening}. */
    String describe(Opening opening) {
        if (opening instanceof Opening.Open open) {
            return message("windows.open", time(open.closesAt()));
        }
        if (opening instanceof Opening.Closed closed) {
            if (closed.opensAt() == null) {
                return message("windows.closedUnknown");
            }
            ZonedDateTime opens = closed.opensAt().withZoneSameInstant(ShanghaiTime.ZONE);
            LocalDate today = now.toLocalDate();
            if (opens.toLocalDate().equals(today)) {
                return message("windows.closedOpensToday", time(opens));
            }
            if (opens.toLocalDate().equals(today.plusDays(1))) {
                return message("windows.closedOpensTomorrow", time(opens));
            }
            return message("windows.closedOpensOn", dateTime(opens));
        }
        return message("windows.unknown");
    }

    /** True for open, false for closed, null when unknown (no calendar data). */
    static Boolean isOpen(Opening opening) {
        return opening instanceof Opening.Open ? Boolean.TRUE
                : opening instanceof Opening.Closed ? Boolean.FALSE : null;
    }

    /** {@code time} as the page's date and time, e.g. {@code 10月9日（周五）09:00}. */
    String dateTime(ZonedDateTime time) {
        return DateTimeFormatter.ofPattern(message("windows.dateTimePattern"), locale)
                .format(time.withZoneSameInstant(ShanghaiTime.ZONE));
    }

    private static String time(ZonedDateTime time) {
        return TIME.format(time.withZoneSameInstant(ShanghaiTime.ZONE));
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
