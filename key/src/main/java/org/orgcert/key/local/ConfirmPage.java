package org.orgcert.key.local;

import static org.orgcert.key.local.Html.text;

import java.time.Instant;
import java.util.Optional;
import org.orgcert.key.signin.SignInRequest;

/**
 * The page where the employer confirms or refuses a sign-in ({@code /confirm/<id>}, opened by the platform's page
 * in a popup): which site asks (its verified origin, large), the name it gives itself, as which employer, and a
 * PIN field (none while a PIN session is open).
 */
final class ConfirmPage {
    private ConfirmPage() {
    }

    /**
     * What the page shows.
     *
     * @param request    the sign-in request
     * @param employer   the employer named in the key's certificate, or null when it cannot be read
     * @param pinSession until when the PIN session is open, if it is
     * @param notice     the outcome of a first try (e.g. a wrong PIN), or null
     * @param csrf       the page's anti-CSRF token
     */
    record Model(SignInRequest request, String employer, Optional<Instant> pinSession, Notice notice, String csrf) {
    }

    static String render(Model model) {
        SignInRequest request = model.request();
        String action = "/confirm/" + request.id();
        StringBuilder body = new StringBuilder();
        body.append("<h1>确认用USB Key登录</h1>\n").append(Html.notice(model.notice()));
        body.append("<p>这个网站要用您的USB Key登录：</p>\n<p class=\"origin\">").append(text(request.origin()))
                .append("</p>\n<p class=\"hint\">网站自称：").append(text(request.platformName()))
                .append("（平台编号 ").append(text(request.challenge().platform())).append("）。以上面的网站地址为准。</p>\n");
        body.append("<p>登录身份：<strong>").append(text(model.employer() == null ? "（读不到证书）" : model.employer()))
                .append("</strong></p>\n");
        body.append("<p class=\"hint\">请核对网站地址就是您正在使用的网站。如果您刚才没有在这个网站上点“用USB Key登录”，"
                + "请点“拒绝”。").append(text(Html.time(request.expiresAt()))).append("前有效。</p>\n");
        String fields = model.pinSession().isPresent()
                ? "<p>PIN会话已打开（" + text(Html.time(model.pinSession().get())) + "自动关闭），不用输入PIN码。</p>"
                : StatusPage.pin("pin", "pin", "PIN码", "current-password").replace(" required>", " required autofocus>");
        body.append("<form method=\"post\" action=\"").append(text(action)).append("\">").append(Html.csrf(model.csrf()))
                .append(fields)
                .append("<button type=\"submit\" name=\"action\" value=\"confirm\">确认登录</button></form>\n");
        body.append("<form method=\"post\" action=\"").append(text(action)).append("\">").append(Html.csrf(model.csrf()))
                .append("<button type=\"submit\" name=\"action\" value=\"refuse\" class=\"danger\">拒绝</button></form>\n");
        return Html.page("确认登录 - USB Key 助手", body.toString());
    }

    /** The page after the request is settled (signed, refused, expired, unknown). */
    static String settled(Notice notice) {
        return Html.page("USB Key 助手", "<h1>USB Key 助手</h1>\n" + Html.notice(notice)
                + "<p class=\"hint\">可以关闭这个窗口了。</p>");
    }
}
