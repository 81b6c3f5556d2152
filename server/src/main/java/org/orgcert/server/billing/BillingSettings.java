package org.orgcert.server.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CA's account that employers transfer to (R-FEE-4), as the guide gives it ({@code orgcert.billing.*}).
 *
 * @param accountName   单位名称
 * @param accountNumber 账号
 * @param bank          开户银行
 */
@ConfigurationProperties("orgcert.billing")
public record BillingSettings(String accountName, String accountNumber, String bank) {
    public BillingSettings {
        accountName = accountName == null ? "云南省数字证书认证中心有限公司" : accountName;
        accountNumber = accountNumber == null ? "1372 3822 1643" : accountNumber;
        bank = bank == null ? "中国银行股份有限公司昆明市华山西路支行" : bank;
    }
}
