package org.orgcert.server.application;

/** A paper the employer hands in, with how many copies R-MAT asks for. All copies carry the official seal. */
public enum MaterialItem {
    /** R-MAT-1 a: business licence (副本) copy, for enterprises and individual businesses. */
    BUSINESS_LICENCE_COPY(1, "营业执照（副本）复印件"),
    /** R-MAT-1 b: USCC certificate or public-institution legal-person certificate copy. */
    INSTITUTION_CERTIFICATE_COPY(1, "统一社会信用代码证或事业单位法人证书复印件"),
    /** R-MAT-1 c: social-organisation legal-person registration certificate (副本) copy. */
    SOCIAL_ORGANISATION_CERTIFICATE_COPY(1, "社会团体法人登记证（副本）复印件"),
    /** R-MAT-1, R-MAT-2: the agent's ID copy, unless the legal representative applies in person. */
    AGENT_ID_COPY(1, "经办人有效身份证件复印件"),
    /** R-MAT-3: the application form, two copies, sealed, agreement on the back sealed too. */
    APPLICATION_FORM(2, "单位数字证书业务申请表（含背面电子认证服务协议）"),
    /** R-MAT-4: the mailing-address form, only when the certificate is mailed. */
    MAILING_ADDRESS_FORM(1, "用人单位邮寄收件地址登记表");

    private final int copies;
    private final String chineseName;

    MaterialItem(int copies, String chineseName) {
        this.copies = copies;
        this.chineseName = chineseName;
    }

    /** Copies required. */
    public int copies() {
        return copies;
    }

    /** The item's name as the guide writes it. */
    public String chineseName() {
        return chineseName;
    }
}
