package org.orgcert.server.portal;

import jakarta.servlet.http.HttpSession;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialsChecklist;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.web.Actor;
import org.orgcert.server.web.ApiProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The apply wizard: {@code GET/POST /my/apply} (employer pre-filled from the register, kind of employer,
 * who applies, channel and delivery from the R-CH table, the window of the 18 or the mailing address),
 * {@code GET /my/apply/review} (the answers and the materials checklist R-MAT-1..5), {@code POST
 * /my/apply/submit} (one {@link ApplicationService#submit} with the draft's idempotency key, so a double click
 * makes one application). The draft lives in the session; nothing is stored before the submission. Scans are
 * uploaded on the application's page right after: they need the application's id, and a 10 MB scan does not
 * belong in a database session.
 */
@Controller
class MyApplyPage {
    static final String DRAFT = "orgcert.my.applyDraft";

    private final EmployerDirectory employers;
    private final ApplicationService applications;
    private final Directory directory;

    MyApplyPage(EmployerDirectory employers, ApplicationService applications, Directory directory) {
        this.employers = employers;
        this.applications = applications;
        this.directory = directory;
    }

    @GetMapping(PortalPaths.MY_APPLY)
    String form(Actor.EmployerAgent agent, @RequestParam(name = "employer", required = false) String employerId,
            HttpSession session, Model model) {
        ApplyDraft draft = (ApplyDraft) session.getAttribute(DRAFT);
        List<EmployerView> mine = mine(agent);
        if (draft == null || employerId != null) {
            EmployerView employer = mine.stream().filter(e -> e.id().toString().equals(employerId)).findFirst()
                    .orElse(mine.get(0));
            draft = ApplyDraft.of(employer, UUID.randomUUID().toString());
        }
        return show(agent, draft, Map.of(), model);
    }

    @PostMapping(PortalPaths.MY_APPLY)
    String check(Actor.EmployerAgent agent, @ModelAttribute ApplyDraft sent, HttpSession session, Model model) {
        ApplyDraft previous = (ApplyDraft) session.getAttribute(DRAFT);
        ApplyDraft draft = sent.withKey(previous != null ? previous.idempotencyKey() : UUID.randomUUID().toString());
        Optional<EmployerView> employer = own(agent, draft.employerId());
        if (employer.isEmpty()) {
            return show(agent, draft, Map.of("employerId", "my.apply.error.employerId"), model);
        }
        try {
            applications.checkForm(draft.toForm(employer.get()));
        } catch (ApiProblem problem) {
            return show(agent, draft, FieldMessages.of(problem), model);
        }
        session.setAttribute(DRAFT, draft);
        return "redirect:" + PortalPaths.MY_APPLY_REVIEW;
    }

    @GetMapping(PortalPaths.MY_APPLY_REVIEW)
    String review(Actor.EmployerAgent agent, HttpSession session, Model model) {
        ApplyDraft draft = (ApplyDraft) session.getAttribute(DRAFT);
        Optional<EmployerView> employer = draft == null ? Optional.empty() : own(agent, draft.employerId());
        if (employer.isEmpty()) {
            return "redirect:" + PortalPaths.MY_APPLY;
        }
        SubmitApplication form = draft.toForm(employer.get());
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("window", form.windowId() == null ? null : directory.window(form.windowId()).orElse(null));
        model.addAttribute("materials", MaterialsChecklist.required(form.category(), form.legalRepInPerson(),
                form.delivery()));
        return "portal/my/review";
    }

    @PostMapping(PortalPaths.MY_APPLY_SUBMIT)
    String submit(Actor.EmployerAgent agent, HttpSession session, Model model) {
        ApplyDraft draft = (ApplyDraft) session.getAttribute(DRAFT);
        Optional<EmployerView> employer = draft == null ? Optional.empty() : own(agent, draft.employerId());
        if (employer.isEmpty()) {
            return "redirect:" + PortalPaths.MY;
        }
        Application application;
        try {
            application = applications.submit(draft.toForm(employer.get()), draft.idempotencyKey(), agent.auditName());
        } catch (ApiProblem problem) {
            // Changed meanwhile (a window closed for good): back to the form with the reasons, nothing saved.
            return show(agent, draft, FieldMessages.of(problem), model);
        }
        session.removeAttribute(DRAFT);
        return "redirect:/my/applications/" + application.id() + "?submitted";
    }

    private String show(Actor.EmployerAgent agent, ApplyDraft draft, Map<String, String> errors,
            Model model) {
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        model.addAttribute("employers", mine(agent));
        model.addAttribute("kinds", List.of(ApplicationKind.NEW, ApplicationKind.ADDITIONAL));
        model.addAttribute("categories", EmployerType.values());
        model.addAttribute("channels", List.of(Channel.CA_HALL, Channel.MAIL, Channel.WINDOW));
        model.addAttribute("deliveries", List.of(Delivery.ON_THE_SPOT, Delivery.MAIL, Delivery.WINDOW_PICKUP));
        model.addAttribute("windows", directory.windows());
        return "portal/my/apply";
    }

    private List<EmployerView> mine(Actor.EmployerAgent agent) {
        return agent.employerIds().stream().flatMap(id -> employers.find(id).stream())
                .sorted(Comparator.comparing(EmployerView::name)).toList();
    }

    /** The employer if the agent acts for it; an id from elsewhere is refused like a wrong choice. */
    private Optional<EmployerView> own(Actor.EmployerAgent agent, String id) {
        return mine(agent).stream().filter(e -> e.id().toString().equals(id)).findFirst();
    }
}
