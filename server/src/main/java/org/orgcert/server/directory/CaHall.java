package org.orgcert.server.directory;

import java.util.List;

/**
 * The CA's own service hall, where applications are recommended to go and the certificate can be handed
 * over on the spot (R-CH-3, R-CH-8). Open on working days 09:00–11:30 and 13:00–17:00.
 *
 * @param name    the hall
 * @param address where it is
 * @param phones  the hall's contact number
 * @param hotline for queries and complaints only: never given as a contact number for mail (R-CH-8)
 * @param hours   its opening periods on a working day
 */
public record CaHall(String name, String address, List<String> phones, String hotline, List<OpeningHours> hours) {

    /** The hall of 云南省数字证书认证中心有限公司. */
    public static final CaHall HALL = new CaHall("云南省数字证书认证中心有限公司服务大厅",
            "云南省昆明市西山区滇池路384号滇池时代B座710号", List.of("0871-68163863"), "400-600-7210",
            OpeningHours.parseDay("09:00-11:30;13:00-17:00"));

    public CaHall {
        phones = List.copyOf(phones);
        hours = List.copyOf(hours);
    }
}
