package org.orgcert.key.local;

import static org.orgcert.key.local.Html.text;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orgcert.key.CertificateSummary;
import org.orgcert.key.KeyInfo;
import org.orgcert.key.RenewalWindow;
import org.orgcert.key.signin.ApprovedSignIn;
import org.orgcert.token.TokenInfo;

/**
 * The assistant's own page at {@code http://127.0.0.1:<port>/}: the key and its certificate, and the forms for
 * what the employer does with it (PIN, renewal, new certificate, PIN session), the way to unlock, and the sign-ins
 * approved lately. Renders only; {@link OwnPage} does the work.
 */
final class StatusPage {
    private StatusPage() {
    }

    /**
     * What the page shows.
     *
     * @param key        the key as read now, or null when it could not be read
     * @param unreadable why it could not be read (when {@code key} is null)
     * @param pinSession until when the PIN session is open, if it is
     * @param approved   the sign-ins approved lately, newest first
     * @param notice     the outcome of what the employer just did, or null
     * @param csrf       the page's anti-CSRF token
     * @param unlockUrl  the service's page where an unlock is requested
     */
    record Model(KeyInfo key, Throwable unreadable, Optional<Instant> pinSession, List<ApprovedSignIn> approved,
            Notice notice, String csrf, String unlockUrl) {
    }

    static String render(Model model) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>USB Key 助手</h1>\n");
        body.append(Html.notice(model.notice()));
        body.append("<p class=\"hint\">这个页面由本电脑上的USB Key助手提供（地址127.0.0.1），只在这台电脑上能打开。"
                + "PIN码只在这里输入，不要在其他网站上输入。</p>\n");
        if (model.key() == null) {
            body.append("<section><h2>USB Key</h2><p>没有读到USB Key：").append(text(Wording.failure(model.unreadable())))
                    .append("</p><p class=\"hint\">插好USB Key后刷新这个页面。</p></section>\n");
        } else {
            key(body, model.key());
            certificate(body, model.key());
            pinSession(body, model);
            forms(body, model);
        }
        unlock(body, model.unlockUrl());
        approved(body, model.approved());
        return Html.page("USB Key 助手", body.toString());
    }

    private static void key(StringBuilder body, KeyInfo info) {
        TokenInfo token = info.token();
        body.append("<section><h2>USB Key</h2><dl>")
                .append("<dt>序列号</dt><dd>").append(text(token.serial())).append("</dd>")
                .append("<dt>状态</dt><dd>").append(text(Wording.state(token.state()))).append("</dd>")
                .append("<dt>PIN码还可以输错</dt><dd>").append(token.retriesLeft()).append("次（共")
                .append(token.maxRetries()).append("次）</dd>")
                .append("</dl></section>\n");
    }

    private static void certificate(StringBuilder body, KeyInfo info) {
        body.append("<section><h2>证书</h2>");
        CertificateSummary certificate = info.certificate();
        if (certificate == null) {
            body.append("<p>USB Key里还没有证书。</p></section>\n");
            return;
        }
        RenewalWindow window = info.renewal();
        body.append("<dl><dt>单位</dt><dd>").append(text(certificate.employerName())).append("</dd>");
        if (certificate.uscc() != null) {
            body.append("<dt>统一社会信用代码</dt><dd>").append(text(certificate.uscc())).append("</dd>");
        }
        body.append("<dt>证书序列号</dt><dd>").append(text(certificate.serialHex())).append("</dd>")
                .append("<dt>有效期</dt><dd>").append(text(Html.time(certificate.notBefore()))).append(" 至 ")
                .append(text(Html.time(certificate.notAfter()))).append("（北京时间）</dd>")
                .append("<dt>剩余</dt><dd>").append(window.expired() ? "已经过期" : "还有" + window.daysLeft() + "天")
                .append("</dd><dt>续期</dt><dd>").append(text(renewal(window))).append("</dd></dl></section>\n");
    }

    private static String renewal(RenewalWindow window) {
        if (window.expired()) {
            return "证书已经过期，不能在线续期，请重新申请证书";
        }
        return window.open() ? "现在可以在线续期" : Html.date(window.opensOn()) + "起可以在线续期（到期前30天）";
    }

    private static void pinSession(StringBuilder body, Model model) {
        body.append("<section><h2>登录网站时免输PIN码（PIN会话）</h2>");
        if (model.pinSession().isPresent()) {
            body.append("<p>PIN会话已打开，").append(text(Html.time(model.pinSession().get())))
                    .append("自动关闭。在这之前确认登录网站时不用再输入PIN码。拔出USB Key也会关闭。</p>")
                    .append(form("/pin-session/close", model.csrf(), "", "关闭PIN会话", "secondary"));
        } else {
            body.append("<p class=\"hint\">打开后30分钟内，确认登录网站时只需点“确认登录”，不用每次输入PIN码。"
                    + "PIN码只保存在助手的内存里，关闭、到时或拔出USB Key后立即清除。</p>")
                    .append(form("/pin-session", model.csrf(), pin("session-pin", "pin", "PIN码", "current-password"),
                            "打开PIN会话", ""));
        }
        body.append("</section>\n");
    }

    private static void forms(StringBuilder body, Model model) {
        body.append("<section><h2>修改PIN码</h2>")
                .append(form("/pin", model.csrf(), pin("old-pin", "oldPin", "现在的PIN码", "current-password")
                        + pin("new-pin", "newPin", "新PIN码（8到32位，要有字母和数字）", "new-password")
                        + pin("new-pin-2", "newPin2", "再输一次新PIN码", "new-password"), "修改PIN码", ""))
                .append("</section>\n");
        body.append("<section><h2>证书续期</h2><p class=\"hint\">证书到期前30天起可以在这里在线续期，新证书直接写进USB Key，"
                + "密钥不变。续期费用按规定收取；需要付费的，先按网站上的说明转账，到账后点下面的“写入新证书”。</p>")
                .append(form("/renew", model.csrf(), pin("renew-pin", "pin", "PIN码", "current-password"), "续期", ""))
                .append("</section>\n");
        body.append("<section><h2>写入新证书</h2><p class=\"hint\">单位名称等信息变更获批后，或者付费续期到账后，"
                + "把新证书写进USB Key。写入后旧证书停用。</p>")
                .append(form("/fetch-successor", model.csrf(), pin("successor-pin", "pin", "PIN码", "current-password"),
                        "写入新证书", ""))
                .append("</section>\n");
    }

    private static void unlock(StringBuilder body, String unlockUrl) {
        body.append("<section><h2>解锁</h2><p>PIN码连续输错次数用完后，USB Key会锁定。解锁免费："
                + "经办人用手机短信验证码登录证书服务网站，提交解锁申请，客服批准后设置新的PIN码。</p>"
                + "<p>因为要用短信验证码登录，解锁申请要在网站上办理，不能在这个页面办理。"
                + "请保持这个助手开着、USB Key插着，然后打开：<a href=\"").append(text(unlockUrl))
                .append("\" rel=\"noopener noreferrer\">证书服务网站的“解锁USB Key”页面</a>。</p></section>\n");
    }

    private static void approved(StringBuilder body, List<ApprovedSignIn> approved) {
        body.append("<section><h2>最近批准的登录</h2>");
        if (approved.isEmpty()) {
            body.append("<p>还没有。</p>");
        } else {
            body.append("<table><thead><tr><th>时间</th><th>网站</th><th>网站地址</th></tr></thead><tbody>");
            for (ApprovedSignIn signIn : approved) {
                body.append("<tr><td>").append(text(Html.time(signIn.at()))).append("</td><td>")
                        .append(text(signIn.platformName())).append("</td><td>").append(text(signIn.origin()))
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("<p class=\"hint\">只记在助手的内存里，最多50条，助手关闭后清空。</p></section>\n");
    }

    /** A form posting to {@code action} with the page's token, {@code fields} and one button. */
    static String form(String action, String csrf, String fields, String button, String buttonClass) {
        return "<form method=\"post\" action=\"" + text(action) + "\">" + Html.csrf(csrf) + fields
                + "<button type=\"submit\"" + (buttonClass.isEmpty() ? "" : " class=\"" + buttonClass + "\"") + ">"
                + text(button) + "</button></form>";
    }

    /** A password field with its label. */
    static String pin(String id, String name, String label, String autocomplete) {
        return "<label for=\"" + id + "\">" + text(label) + "</label><input type=\"password\" id=\"" + id
                + "\" name=\"" + name + "\" autocomplete=\"" + autocomplete + "\" maxlength=\"64\" required>";
    }
}
