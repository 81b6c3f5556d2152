package org.orgcert.key.local;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.Renewal;
import org.orgcert.key.SuccessorUpdate;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.SignIns;
import org.orgcert.token.Token;

/**
 * What the forms of the assistant's status page do, each on an opened token with the form's fields, answering the
 * sentence to show. Failures propagate ({@link Wording} words them); PINs stay in the form's arrays, which the
 * caller wipes.
 */
final class PageActions {
    private final KeyAssistant assistant;
    private final ServiceClient service;
    private final SignIns signIns;
    private final Clock clock;

    PageActions(KeyAssistant assistant, ServiceClient service, SignIns signIns, Clock clock) {
        this.assistant = assistant;
        this.service = service;
        this.signIns = signIns;
        this.clock = clock;
    }

    String changePin(Token token, FormFields form) {
        char[] oldPin = form.required("oldPin");
        char[] newPin = form.required("newPin");
        if (!Arrays.equals(newPin, form.required("newPin2"))) {
            throw new ApiError(400, "pins-differ", "The two new PINs differ.");
        }
        assistant.changePin(token, oldPin, newPin);
        // a PIN kept for sign-ins is the old one now
        signIns.pinSession().close();
        return "PIN码已经修改。以后请用新PIN码。";
    }

    String renew(Token token, FormFields form) {
        Renewal renewal = assistant.renew(token, service, form.required("pin"));
        if (renewal.awaitingPayment()) {
            return "续期申请已经提交。需要先付费" + Wording.yuan(renewal.fee().payableFen()) + "元：请按证书服务网站上的说明"
                    + "转账，备注写单位全称。到账后回到这里点“写入新证书”。";
        }
        return "续期成功：新证书有效期到" + Html.time(renewal.renewed().notAfter()) + "，已经写进USB Key。"
                + Wording.fee(renewal.fee().payableFen()) + "。";
    }

    String fetchSuccessor(Token token, FormFields form) {
        SuccessorUpdate update = assistant.fetchSuccessor(token, service, form.required("pin"));
        return "新证书已经写进USB Key，有效期到" + Html.time(update.current().notAfter()) + "。" + (update.confirmed()
                ? "旧证书已经停用。" : "但没能通知证书服务网站，旧证书会在30天宽限期结束时停用。");
    }

    String openPinSession(Token token, FormFields form) {
        Instant until = signIns.openPinSession(token, form.required("pin"));
        return "PIN会话已经打开，" + Html.time(until) + "自动关闭。在这之前确认登录网站时不用再输入PIN码。";
    }

    String closePinSession() {
        signIns.pinSession().close();
        return "PIN会话已经关闭，PIN码已从内存中清除。";
    }

    Instant now() {
        return clock.instant();
    }
}
