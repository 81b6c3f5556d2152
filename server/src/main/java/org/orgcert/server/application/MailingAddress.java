package org.orgcert.server.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mailing-address form (用人单位邮寄收件地址登记表, R-MAT-4); every field is mandatory (R-MAT-5).
 *
 * @param recipient  the person who receives the parcel
 * @param phone      the recipient's phone (not the CA hotline, R-CH-8)
 * @param province   province, e.g. 云南省
 * @param city       city, e.g. 昆明市
 * @param district   county or district
 * @param street     street and number
 * @param postalCode six digits
 */
public record MailingAddress(String recipient, String phone, String province, String city, String district,
        String street, String postalCode) {

    /** The problems with this form, by field; empty when complete (R-MAT-5). */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        require(problems, "mailingAddress.recipient", recipient);
        require(problems, "mailingAddress.phone", phone);
        require(problems, "mailingAddress.province", province);
        require(problems, "mailingAddress.city", city);
        require(problems, "mailingAddress.district", district);
        require(problems, "mailingAddress.street", street);
        require(problems, "mailingAddress.postalCode", postalCode);
        if (phone != null && !phone.isBlank() && !phone.strip().matches("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}")) {
            problems.put("mailingAddress.phone", "请填写手机号或带区号的固定电话 / a mobile or a landline with area code");
        }
        if (phone != null && phone.replace("-", "").strip().equals("4006007210")) {
            problems.put("mailingAddress.phone", "400-600-7210 is the CA's hotline, not a contact number for mail (R-CH-8)");
        }
        if (postalCode != null && !postalCode.isBlank() && !postalCode.strip().matches("\\d{6}")) {
            problems.put("mailingAddress.postalCode", "邮政编码为6位数字 / a postal code has six digits");
        }
        return problems;
    }

    private static void require(Map<String, String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.put(field, "必填 / required (R-MAT-5)");
        }
    }
}
