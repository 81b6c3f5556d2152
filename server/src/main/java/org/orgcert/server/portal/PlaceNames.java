package org.orgcert.server.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.directory.ServiceWindow;
import org.springframework.stereotype.Component;

/**
 * Names for the codes staff pages would otherwise show (a window's id, a district's division code), taken from
 * the windows' directory (R-CH-8) so that a renamed office shows its new name without a text to update.
 */
@Component
class PlaceNames {
    /** A window's office starts with its district: 五华区劳动就业服务局, 安宁市公共就业和人才服务中心. */
    private static final Pattern DISTRICT = Pattern.compile("^.+?[区县市]");

    private final Directory directory;

    PlaceNames(Directory directory) {
        this.directory = directory;
    }

    /** The names as the directory has them now: read once per page, not once per line of a table. */
    Places now() {
        Map<String, String> windows = new LinkedHashMap<>();
        Map<String, String> districts = new LinkedHashMap<>();
        for (ServiceWindow window : directory.windows()) {
            windows.put(window.id(), window.name());
            Matcher district = DISTRICT.matcher(window.name());
            if (window.divisionCode() != null && district.find()) {
                // Two windows in one city (昆明市's 530100) name the same district: the first one's name holds.
                districts.putIfAbsent(window.divisionCode(), district.group());
            }
        }
        return new Places(Map.copyOf(windows), Map.copyOf(districts));
    }

    /**
     * Window and district names by id and division code; a code the directory does not know is shown as it is,
     * so that an unknown code is at least not lost. Public: the pages call them.
     */
    record Places(Map<String, String> windows, Map<String, String> districts) {

        /** The office of window {@code id}, e.g. 五华区劳动就业服务局. */
        public String window(String id) {
            return windows.getOrDefault(id, id);
        }

        /** True for a window id (a subsidy report's place is a window or else a channel). */
        public boolean isWindow(String id) {
            return windows.containsKey(id);
        }

        /** The district of division code {@code code} (GB/T 2260), e.g. 五华区 for 530102. */
        public String district(String code) {
            return code == null ? "" : districts.getOrDefault(code, code);
        }
    }
}
