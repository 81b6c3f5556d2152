package org.orgcert.key.local;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.orgcert.token.TokenState;

/**
 * What the assistant's page says, in words an HR clerk understands: no error codes, no stack traces, no English.
 * Failures are read through {@link ApiError} (the same codes the JSON API answers), so each has one sentence here.
 */
final class Wording {
    private static final String HELP = "如果一直不行，请联系服务台。";
    private static final Map<String, String> FAILURES = Map.ofEntries(
            Map.entry("locked", "PIN码输错次数过多，USB Key已经锁定，现在不能使用。请按下面“解锁”一节的说明申请解锁（免费）。"),
            Map.entry("pin-policy", "新PIN码不符合要求：需要8到32位，并且同时有字母和数字。"),
            Map.entry("pins-differ", "两次输入的新PIN码不一样，请重新输入。"),
            Map.entry("missing-field", "请把需要填写的内容填完整（PIN码不能为空）。"),
            Map.entry("no-certificate", "USB Key里还没有证书，不能办理这项业务。请联系证书服务窗口。"),
            Map.entry("no-key", "USB Key里还没有密钥，不能办理这项业务。请联系证书服务窗口。"),
            Map.entry("certificate-mismatch", "证书和这个USB Key对不上（可能插的是另一个USB Key），为安全起见没有办理。"),
            Map.entry("certificate-expired", "证书已经过期，不能在线续期，请重新申请证书。"),
            Map.entry("certificate-revoked", "证书已经注销，不能续期。"),
            Map.entry("already-renewed", "这张证书已经续过期了。如果新证书还没写进USB Key，请点“写入新证书”。"),
            Map.entry("no-successor", "证书服务网站上没有要写入的新证书，USB Key里的证书已经是最新的。"),
            Map.entry("service-unreachable", "连不上证书服务网站，请检查网络后再试。" + HELP),
            Map.entry("unexpected-challenge", "证书服务网站的回答不正常，为安全起见没有用USB Key签名。请联系服务台。"),
            Map.entry("tampered", "USB Key里的数据校验不通过，可能已经损坏。请联系服务台。"),
            Map.entry("device", "读不到USB Key。请确认USB Key已经插好，再试一次。"),
            Map.entry("device-key", "读不到USB Key。请确认USB Key已经插好，再试一次。"),
            Map.entry("not-pending", "这个登录请求已经处理过，或者已经过期。"),
            Map.entry("not-found", "找不到这个登录请求，可能已经过期。请回到网站重新点“用USB Key登录”。"),
            Map.entry("no-pin-session", "PIN会话已经结束，请输入PIN码。"),
            Map.entry("pin-required", "为安全起见，在这台电脑上确认登录要输入PIN码。请输入PIN码。"),
            Map.entry("other-user", "这个USB Key助手是这台电脑上另一个用户启动的，只为那个用户服务。请用启动它的用户账号操作。"),
            Map.entry("form-expired", "这个页面已经过期（或者是从别的网站提交的），为安全起见没有办理。请重新打开助手页面再操作。"),
            Map.entry("certificate-not-written", "新证书已经办好，但没能写进USB Key。请点“写入新证书”再试。"));

    private Wording() {
    }

    /** The sentence for a failure. */
    static String failure(Throwable failure) {
        ApiError error = ApiError.of(failure);
        if (error.code().equals("wrong-pin")) {
            int left = error.retriesLeft();
            return left <= 0 ? "PIN码不对。USB Key现在已经锁定，请按下面“解锁”一节的说明申请解锁（免费）。"
                    : "PIN码不对，还可以再试" + left + "次。次数用完后USB Key会锁定。";
        }
        if (error.code().equals("renewal-not-open")) {
            String opensOn = error.properties().get("opensOn");
            return "还没到续期时间" + (opensOn == null ? "" : "，" + date(opensOn) + "起可以在线续期") + "。";
        }
        String sentence = FAILURES.get(error.code());
        return sentence != null ? sentence : "没有办成，请稍后再试。" + HELP;
    }

    /** The token's state for people. */
    static String state(TokenState state) {
        return switch (state) {
            case PERSONALISED -> "正常，可以使用";
            case KEY_GENERATED -> "已有密钥，还没有证书";
            case EMPTY -> "空白，还没有密钥";
            case LOCKED -> "已锁定（PIN码输错次数过多）";
        };
    }

    /** The fee of a renewal, e.g. {@code 费用：0元（由人社局承担）}. */
    static String fee(long payableFen) {
        return payableFen == 0 ? "费用：0元（由人社局承担）" : "费用：" + yuan(payableFen) + "元";
    }

    static String yuan(long fen) {
        return fen % 100 == 0 ? Long.toString(fen / 100) : String.format("%d.%02d", fen / 100, fen % 100);
    }

    private static String date(String iso) {
        try {
            return Html.date(LocalDate.parse(iso.length() > 10 ? iso.substring(0, 10) : iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
