package org.orgcert.server.portal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.account.SignInNumberChange;
import org.orgcert.server.account.SignInNumberChanges;
import org.orgcert.server.account.SignInNumberRefusal;
import org.orgcert.server.application.Scans;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Customer service changes who may sign in for an employer (issue 11 item 5; CA_SERVICE only):
 * {@code /staff/service/sign-in-numbers} finds the employer by its USCC and shows its sign-in numbers masked and
 * its earlier changes; the form takes the old and the new number from the paper, the reason and the scan of the
 * paper, and posts to {@link SignInNumberChanges#change}. A refusal is said next to its field in the reader's
 * language, with the answers kept (the file must be chosen again) and nothing changed; a change leads to its
 * result page ({@code /staff/service/sign-in-numbers/changes/{id}}), which says that both numbers were told.
 */
@Controller
class StaffSignInNumbersPage {
    /** Fields of the form that have their own text ({@code staff.numbers.error.<field>}). */
    static final Set<String> FIELDS = Set.of("oldMobile", "newMobile", "reason", "file");
    /** Refusals said next to one field (by the refusal's own text). */
    static final Map<String, String> FIELD_OF = Map.of("empty-file", "file", "file-too-large", "file",
            "unsupported-file-type", "file", "old-number-not-registered", "oldMobile",
            "new-number-already-registered", "newMobile", "sign-in-number-unchanged", "newMobile");

    private final SignInNumberChanges changes;
    private final EmployerDirectory employers;
    private final RefusalTexts refusals;
    private final MessageSource messages;

    StaffSignInNumbersPage(SignInNumberChanges changes, EmployerDirectory employers, RefusalTexts refusals,
            MessageSource messages) {
        this.changes = changes;
        this.employers = employers;
        this.refusals = refusals;
        this.messages = messages;
    }

    /** The answers of the form as typed, shown again after a refusal. */
    record Answers(String oldMobile, String newMobile, String reason) {
        static final Answers EMPTY = new Answers("", "", "");
    }

    /** {@code ?uscc=}: the employer to change; {@code ?fileTooLarge}: a post beyond the servlet's limit. */
    @GetMapping(PortalPaths.STAFF_SIGN_IN_NUMBERS)
    String page(@RequestParam(name = "uscc", required = false) String uscc,
            @RequestParam(name = UploadLimitFilter.TOO_LARGE, required = false) String tooLarge, Actor actor,
            Locale locale, Model model) {
        requireService(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (tooLarge != null) {
            errors.put("file", text("staff.numbers.error.file-too-large", locale));
        }
        EmployerView employer = null;
        if (uscc != null && !uscc.isBlank()) {
            Optional<EmployerView> found = find(uscc, errors, locale);
            employer = found.orElse(null);
        }
        return show(employer, uscc, Answers.EMPTY, errors, actor, model);
    }

    @PostMapping(PortalPaths.STAFF_SIGN_IN_NUMBERS_CHANGE)
    String change(@RequestParam("employerId") UUID employerId,
            @RequestParam(name = "oldMobile", defaultValue = "") String oldMobile,
            @RequestParam(name = "newMobile", defaultValue = "") String newMobile,
            @RequestParam(name = "reason", defaultValue = "") String reason,
            @RequestParam(name = "file", required = false) MultipartFile file, Actor actor, Locale locale, Model model)
            throws IOException {
        requireService(actor);
        EmployerView employer = employers.find(employerId).orElseThrow(() ->
                SignInNumberRefusal.EMPLOYER_NOT_FOUND.refuse("no employer " + employerId));
        SignInNumberChange.Upload upload = file == null || file.isEmpty()
                ? new SignInNumberChange.Upload(null, null)
                : new SignInNumberChange.Upload(file.getOriginalFilename(), file.getBytes());
        SignInNumberChange made;
        try {
            made = changes.change(new SignInNumberChange.Request(employerId, oldMobile, newMobile, reason, upload),
                    actor);
        } catch (Refusal refused) {
            // The page's answer to a refusal: the form again, the reason next to its field.
            return show(employer, employer.uscc().value(), new Answers(oldMobile, newMobile, reason),
                    errors(refused, locale), actor, model);
        }
        return "redirect:" + PortalPaths.STAFF_SIGN_IN_NUMBER_CHANGE.replace("{id}", made.id().toString());
    }

    @GetMapping(PortalPaths.STAFF_SIGN_IN_NUMBER_CHANGE)
    String result(@PathVariable UUID id, Actor actor, Model model) {
        requireService(actor);
        model.addAttribute("change", changes.get(id, actor));
        return "portal/staff/sign-in-number-change";
    }

    private String show(EmployerView employer, String uscc, Answers answers, Map<String, String> errors, Actor actor,
            Model model) {
        model.addAttribute("uscc", uscc == null ? "" : uscc);
        model.addAttribute("employer", employer);
        model.addAttribute("history", employer == null ? List.of() : changes.ofEmployer(employer.id(), actor));
        model.addAttribute("answers", answers);
        model.addAttribute("errors", errors);
        model.addAttribute("maxScanBytes", Scans.MAX_BYTES);
        return "portal/staff/sign-in-numbers";
    }

    private Optional<EmployerView> find(String uscc, Map<String, String> errors, Locale locale) {
        Uscc parsed;
        try {
            parsed = Uscc.parse(uscc.strip());
        } catch (PkiException e) {
            errors.put("uscc", text("staff.numbers.error.uscc", locale));
            return Optional.empty();
        }
        Optional<EmployerView> found = employers.findByUscc(parsed);
        if (found.isEmpty()) {
            errors.put("uscc", refusals.text(SignInNumberRefusal.EMPLOYER_NOT_FOUND
                    .refuse("no employer"), locale));
        }
        return found;
    }

    /** A refusal's texts by field: a field's own text for malformed input, else the refusal's text. */
    private Map<String, String> errors(Refusal refused, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!refused.fieldErrors().isEmpty()) {
            refused.fieldErrors().keySet().forEach(field -> errors.put(FIELDS.contains(field) ? field : "form",
                    text("staff.numbers.error." + (FIELDS.contains(field) ? field : "other"), locale)));
        } else {
            errors.put(FIELD_OF.getOrDefault(refused.type(), "form"), refusals.text(refused, locale));
        }
        return errors;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static void requireService(Actor actor) {
        actor.require("changing sign-in numbers", StaffRole.CA_SERVICE);
    }
}
