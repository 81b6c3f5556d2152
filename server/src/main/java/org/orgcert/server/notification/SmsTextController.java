package org.orgcert.server.notification;

import java.util.List;
import org.orgcert.server.domain.Actor;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bureau's SMS texts (R-SMS-2): {@code GET /api/v1/sms-texts} (bureau administrator, customer service),
 * {@code PUT /api/v1/sms-texts/{key}} with {@code {"text": …}} and {@code DELETE /api/v1/sms-texts/{key}} (back to
 * the default; bureau administrator). The roles are checked by {@link SmsTexts}.
 */
@RestController
class SmsTextController {
    private final SmsTexts texts;

    SmsTextController(SmsTexts texts) {
        this.texts = texts;
    }

    /** The body of a change. */
    record Change(String text) {
    }

    @GetMapping("/api/v1/sms-texts")
    List<SmsTexts.View> list(Actor actor) {
        return texts.list(actor);
    }

    @PutMapping("/api/v1/sms-texts/{key}")
    SmsTexts.View change(@PathVariable String key, @RequestBody Change change, Actor actor) {
        return texts.change(key, change.text(), actor);
    }

    @DeleteMapping("/api/v1/sms-texts/{key}")
    SmsTexts.View reset(@PathVariable String key, Actor actor) {
        return texts.reset(key, actor);
    }
}
