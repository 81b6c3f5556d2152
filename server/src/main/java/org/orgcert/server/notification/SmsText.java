package org.orgcert.server.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SMS the employer gets at each step that concerns it (R-SMS-1), each with the placeholders its step fills
 * and the bureau's default text. The bureau's administrator may replace a text ({@link SmsTexts}); a text may use
 * only its own placeholders, and every one of them may also use {@code {employer}} and {@code {hotline}}.
 */
public enum SmsText {
    /** 受理: the CA received the papers. */
    APPLICATION_RECEIVED("application.received", List.of("number"),
            "【昆明就业】{employer}：您单位的数字证书申请（{number}）材料已受理，我们将尽快审核。咨询电话{hotline}。"),
    /** 审核通过. */
    REVIEW_APPROVED("review.approved", List.of("number"),
            "【昆明就业】{employer}：您单位的数字证书申请（{number}）已审核通过。"),
    /** 驳回, with the reason. */
    REVIEW_REJECTED("review.rejected", List.of("number", "reason"),
            "【昆明就业】{employer}：您单位的数字证书申请（{number}）未通过审核，原因：{reason}。咨询电话{hotline}。"),
    /** 待缴费, with the amount owed (R-FEE-4). */
    PAYMENT_DUE("payment.due", List.of("number", "amount"),
            "【昆明就业】{employer}：您单位的数字证书申请（{number}）待缴费{amount}元，请转账至证书中心账户并告知客服，"
                    + "缴清后制证。咨询电话{hotline}。"),
    /** 制证完成. */
    PRODUCTION_DONE("production.done", List.of("number"),
            "【昆明就业】{employer}：您单位的数字证书（申请{number}）已制作完成。"),
    /** 已寄出, with the EMS waybill. */
    DELIVERY_SHIPPED("delivery.shipped", List.of("number", "waybill"),
            "【昆明就业】{employer}：您单位的数字证书USB Key已由EMS寄出，运单号{waybill}。"),
    /** 可领取 at the window, with the last day (R-CH-5..7). */
    COLLECTION_READY("collection.ready", List.of("number", "window", "lastDay"),
            "【昆明就业】{employer}：您单位的数字证书USB Key已到{window}，请于{lastDay}前到窗口领取，逾期将退回并注销。"),
    /** Renewal is open (R-REN-1), with the last day. */
    RENEWAL_OPEN("renewal.open", List.of("lastDay"),
            "【昆明就业】{employer}：您单位的数字证书将于{lastDay}到期，请在到期前插入USB Key，使用证书助手在线续期（年审）。"),
    /** The certificate was revoked, with the reason. */
    CERTIFICATE_REVOKED("certificate.revoked", List.of("reason"),
            "【昆明就业】{employer}：您单位的数字证书已注销，原因：{reason}。咨询电话{hotline}。");

    /** Placeholders every text may use. */
    public static final List<String> COMMON = List.of("employer", "hotline");

    private final String key;
    private final List<String> placeholders;
    private final String defaultText;

    SmsText(String key, List<String> placeholders, String defaultText) {
        this.key = key;
        this.placeholders = placeholders;
        this.defaultText = defaultText;
    }

    /** The stable key, e.g. {@code review.rejected}. */
    public String key() {
        return key;
    }

    /** The placeholders this text may use, the common ones included. */
    public List<String> placeholders() {
        return java.util.stream.Stream.concat(COMMON.stream(), placeholders.stream()).toList();
    }

    /** The bureau's default text. */
    public String defaultText() {
        return defaultText;
    }

    /** The text with this key. */
    public static Optional<SmsText> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
