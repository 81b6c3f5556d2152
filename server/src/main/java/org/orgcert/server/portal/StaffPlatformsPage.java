package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.server.PublicUrl;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.platform.PlatformRefusal;
import org.orgcert.server.platform.PlatformWithSecret;
import org.orgcert.server.platform.RelyingPlatform;
import org.orgcert.server.platform.RelyingPlatforms;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The relying platforms (issue 13 item 2; R-USE-1..3) for the bureau's administrator: the list, registering one,
 * changing one, a new secret, disabling and enabling, all through {@link RelyingPlatforms}. A secret is on the
 * answer to the post that made it and nowhere else: not in a redirect, the session or a later page
 * ({@code Cache-Control: no-store}). A refused form comes back as typed, each problem next to its field (an
 * address by its line) in the reader's language.
 */
@Controller
class StaffPlatformsPage {
    static final String LIST = "/staff/platforms";
    static final String NEW = "/staff/platforms/new";
    static final String ONE = "/staff/platforms/{clientId}";
    /** Fields of the form that problems are said next to; others go to the top of the form. */
    static final Set<String> FIELDS = Set.of("clientId", "name", "redirectUris", "postLogoutRedirectUris",
            "backchannelLogoutUri", "scopes", "clientAuthentication");
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

    private final RelyingPlatforms platforms;
    private final RefusalTexts refusals;
    private final MessageSource messages;
    private final PublicUrl publicUrl;

    StaffPlatformsPage(RelyingPlatforms platforms, RefusalTexts refusals, MessageSource messages, PublicUrl publicUrl) {
        this.platforms = platforms;
        this.refusals = refusals;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    @GetMapping(LIST)
    String list(Actor actor, Model model) {
        requireAdministrator(actor);
        model.addAttribute("platforms", platforms.list());
        return "portal/staff/platforms";
    }

    @GetMapping(NEW)
    String registerForm(Actor actor, Model model) {
        requireAdministrator(actor);
        return form(null, PlatformForm.EMPTY, Map.of(), model);
    }

    @PostMapping(LIST)
    String register(PlatformForm form, Actor actor, Locale locale, Model model, HttpServletResponse response) {
        requireAdministrator(actor);
        PlatformWithSecret made;
        try {
            made = platforms.register(form.registration(), actor);
        } catch (Refusal refused) {
            return form(null, form, errors(refused, locale), model);
        }
        return secretPage(made, "registered", model, response);
    }

    @GetMapping(ONE)
    String editForm(@PathVariable String clientId, Actor actor, Model model) {
        requireAdministrator(actor);
        RelyingPlatform platform = require(clientId);
        return form(platform, PlatformForm.of(platform), Map.of(), model);
    }

    @PostMapping(ONE)
    String update(@PathVariable String clientId, PlatformForm form, Actor actor, Locale locale, Model model,
            RedirectAttributes redirect) {
        requireAdministrator(actor);
        RelyingPlatform current = require(clientId);
        try {
            platforms.update(clientId, form.changes(), actor);
        } catch (Refusal refused) {
            PlatformForm typed = new PlatformForm(clientId, form.name(), form.redirectUris(),
                    form.postLogoutRedirectUris(), form.backchannelLogoutUri(), form.scopes(), form.requireConsent(),
                    current.authentication().value(), form.version());
            return form(current, typed, errors(refused, locale), model);
        }
        redirect.addFlashAttribute("done", "staff.platforms.done.saved");
        return "redirect:" + LIST + "/" + clientId;
    }

    /** A new secret; the old one stops working at once. */
    @PostMapping(ONE + "/secret")
    String rotateSecret(@PathVariable String clientId, Actor actor, Model model, HttpServletResponse response) {
        requireAdministrator(actor);
        return secretPage(platforms.rotateSecret(clientId, actor), "rotated", model, response);
    }

    @PostMapping(ONE + "/disable")
    String disable(@PathVariable String clientId, Actor actor, RedirectAttributes redirect) {
        requireAdministrator(actor);
        platforms.disable(clientId, actor);
        redirect.addFlashAttribute("done", "staff.platforms.done.disabled");
        return "redirect:" + LIST + "/" + clientId;
    }

    @PostMapping(ONE + "/enable")
    String enable(@PathVariable String clientId, Actor actor, RedirectAttributes redirect) {
        requireAdministrator(actor);
        platforms.enable(clientId, actor);
        redirect.addFlashAttribute("done", "staff.platforms.done.enabled");
        return "redirect:" + LIST + "/" + clientId;
    }

    private String form(RelyingPlatform platform, PlatformForm form, Map<String, String> errors, Model model) {
        model.addAttribute("platform", platform);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("scopeChoices", RelyingPlatform.SCOPES);
        return "portal/staff/platform";
    }

    private String secretPage(PlatformWithSecret made, String what, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("platform", made.platform());
        model.addAttribute("secret", made.secret());
        model.addAttribute("what", what);
        model.addAttribute("discovery", publicUrl.base() + "/.well-known/openid-configuration");
        return "portal/staff/platform-secret";
    }

    /**
     * A refusal's texts by field in the reader's language: a problem code per field ({@code problems}), an
     * address by its line; a taken client id next to that field; anything else at the top of the form.
     */
    private Map<String, String> errors(Refusal refused, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (refused.code() == PlatformRefusal.PLATFORM_EXISTS) {
            errors.put("clientId", refusals.text(refused, locale));
            return errors;
        }
        if (!(refused.properties().get("problems") instanceof Map<?, ?> problems) || problems.isEmpty()) {
            errors.put("form", refusals.text(refused, locale));
            return errors;
        }
        problems.forEach((key, code) -> {
            Matcher entry = ENTRY.matcher(key.toString());
            String field = entry.matches() && FIELDS.contains(entry.group(1)) ? entry.group(1) : "form";
            String text = text("staff.platforms.problem." + code, locale);
            if (entry.matches() && entry.group(2) != null && !field.equals("scopes")) {
                text = messages.getMessage("staff.platforms.line", new Object[] {Integer.parseInt(entry.group(2)) + 1,
                        text}, locale);
            }
            errors.merge(field, text, (a, b) -> a + " " + b);
        });
        return errors;
    }

    private RelyingPlatform require(String clientId) {
        return platforms.find(clientId).orElseThrow(() -> PlatformRefusal.PLATFORM_NOT_FOUND.refuse(
                "there is no platform with client id " + clientId));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static void requireAdministrator(Actor actor) {
        actor.require("relying platforms", StaffRole.BUREAU_ADMIN);
    }
}
