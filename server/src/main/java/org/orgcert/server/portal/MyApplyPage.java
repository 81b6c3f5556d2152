package org.orgcert.server.portal;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationRefusal;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialsChecklist;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.billing.FeeQuotes;
import org.orgcert.server.billing.Payer;
import org.orgcert.server.billing.Quote;
import org.orgcert.server.directory.Directory;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerType;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The apply wizard, one page per {@link ApplyStep}: {@code GET /my/apply} starts a draft (or resumes one),
 * {@code GET /my/apply/{step}} shows a step, {@code POST} to a step's page saves its answers and, for "next",
 * checks them with {@link ApplicationService#checkForm} (the submission's own rules; the step shows its own
 * fields' problems), {@code POST /my/apply/submit} makes the one {@link ApplicationService#submit} with the
 * draft's idempotency key, so a double click makes one application.
 *
 * <p>The draft lives in the session; nothing is stored before the submission. A step can be opened only when
 * every step before it is complete (gone on from and still passing the checks): a deep link to a later page
 * leads to the first incomplete one. Scans are uploaded on the application's page right after: they need the
 * application's id, and a 10 MB scan does not belong in a database session.
 */
@Controller
class MyApplyPage {
    private static final String DRAFT = "orgcert.my.applyDraft";
    /** The value of the "back" button: save what was typed, unchecked, and go to the previous step. */
    private static final String BACK = "back";
    /** Where the papers go in: the public submission takes every channel but ONLINE (R-CH). */
    private static final List<Channel> CHANNELS = List.of(Channel.CA_HALL, Channel.MAIL, Channel.WINDOW);

    private final EmployerDirectory employers;
    private final ApplicationService applications;
    private final Directory directory;
    private final FeeQuotes quotes;

    MyApplyPage(EmployerDirectory employers, ApplicationService applications, Directory directory, FeeQuotes quotes) {
        this.employers = employers;
        this.applications = applications;
        this.directory = directory;
        this.quotes = quotes;
    }

    /** A new draft for {@code employer} (the home page's "apply" of each employer), else the draft in progress. */
    @GetMapping(PortalPaths.MY_APPLY)
    String start(Actor.EmployerAgent agent, @RequestParam(name = "employer", required = false) String employerId,
            @RequestParam(name = "uscc", required = false) String uscc,
            @RequestParam(name = "replaces", required = false) String replaces, HttpSession session) {
        ApplyDraft draft = draft(session);
        if (draft == null || employerId != null || replaces != null) {
            List<EmployerView> mine = mine(agent);
            EmployerView employer = mine.stream().filter(e -> e.id().toString().equals(employerId)
                    || e.uscc().value().equals(uscc)).findFirst().orElse(mine.get(0));
            draft = ApplyDraft.of(employer, UUID.randomUUID().toString());
            // Begun from an ended certificate's page: a reissue of it (R-FEE-2). Whether it is this employer's and
            // has ended is checked with the rest of the form.
            if (replaces != null && replaces.matches("[0-9A-Fa-f]{1,40}")) {
                draft = draft.reissuing(replaces);
            }
            session.setAttribute(DRAFT, draft);
        }
        return redirect(reachable(draft, problems(agent, draft), ApplyStep.REVIEW));
    }

    /**
     * A step; a step gone on from before whose answers no longer pass shows why. No draft, or no such step
     * (a mistyped address): the wizard where it stands.
     */
    @GetMapping(PortalPaths.MY_APPLY_STEP)
    String step(Actor.EmployerAgent agent, @PathVariable String step, HttpSession session, Model model) {
        Optional<ApplyStep> named = ApplyStep.withSlug(step);
        ApplyDraft draft = draft(session);
        if (named.isEmpty() || draft == null) {
            return "redirect:" + PortalPaths.MY_APPLY;
        }
        ApplyStep wanted = named.get();
        Map<String, String> problems = problems(agent, draft);
        ApplyStep shown = reachable(draft, problems, wanted);
        if (shown != wanted) {
            return redirect(shown);
        }
        return show(agent, draft, wanted, draft.done().contains(wanted) ? wanted.errors(problems) : Map.of(), model);
    }

    @PostMapping(PortalPaths.MY_APPLY_EMPLOYER)
    String employer(Actor.EmployerAgent agent, @ModelAttribute ApplyDraft.EmployerAnswers answers,
            @RequestParam(name = "go", required = false) String go, HttpSession session, Model model) {
        return answer(agent, ApplyStep.EMPLOYER, draft -> draft.withEmployer(answers), go, session, model);
    }

    @PostMapping(PortalPaths.MY_APPLY_MATERIALS)
    String materials(Actor.EmployerAgent agent, @RequestParam(name = "ready", required = false) List<String> ready,
            @RequestParam(name = "go", required = false) String go, HttpSession session, Model model) {
        return answer(agent, ApplyStep.MATERIALS, draft -> draft.withReady(ready == null ? List.of() : ready), go,
                session, model);
    }

    @PostMapping(PortalPaths.MY_APPLY_CHANNEL)
    String channel(Actor.EmployerAgent agent, @RequestParam(name = "route", required = false) String route,
            @RequestParam(name = "go", required = false) String go, HttpSession session, Model model) {
        return answer(agent, ApplyStep.CHANNEL, draft -> draft.withRoute(route), go, session, model);
    }

    @PostMapping(PortalPaths.MY_APPLY_WINDOW_OR_ADDRESS)
    String windowOrAddress(Actor.EmployerAgent agent, @ModelAttribute ApplyDraft.PlaceAnswers answers,
            @RequestParam(name = "go", required = false) String go, HttpSession session, Model model) {
        return answer(agent, ApplyStep.WINDOW_OR_ADDRESS, draft -> draft.withPlace(answers), go, session, model);
    }

    @PostMapping(PortalPaths.MY_APPLY_SUBMIT)
    String submit(Actor.EmployerAgent agent, @RequestParam(name = "agreement", required = false) String agreement,
            @RequestParam(name = "confirmSecond", defaultValue = "false") boolean confirmSecond, HttpSession session,
            Model model) {
        ApplyDraft draft = draft(session);
        Optional<EmployerView> employer = draft == null ? Optional.empty() : own(agent, draft.employer().employerId());
        if (employer.isEmpty()) {
            return "redirect:" + PortalPaths.MY;
        }
        Optional<ApplyStep> skipped = draft.steps().stream()
                .filter(s -> s != ApplyStep.REVIEW && !draft.done().contains(s)).findFirst();
        if (skipped.isPresent()) {
            return redirect(skipped.get());
        }
        Application application;
        try {
            application = applications.submitAccepting(draft.toForm(employer.get()), draft.idempotencyKey(), agent,
                    agreement, confirmSecond);
        } catch (Refusal problem) {
            if (problem.code() == ApplicationRefusal.AGREEMENT_NOT_ACCEPTED) {
                // Said next to the box; nothing filed.
                return show(agent, draft, ApplyStep.REVIEW, Map.of("agreement", "my.apply.error.agreement"), model);
            }
            if (problem.code() == ApplicationRefusal.SECOND_NEW_NOT_CONFIRMED) {
                // Another new certificate is under way: the warning asks to confirm, next to its box; the
                // agreement stays ticked; nothing filed.
                model.addAttribute("agreementTicked", agreement != null);
                return show(agent, draft, ApplyStep.REVIEW, Map.of("confirmSecond", "my.apply.error.confirmSecond"),
                        model);
            }
            // Changed meanwhile (a window closed for good, answers changed in another tab): back to the step whose
            // answers were refused, which shows why since it was gone on from; nothing saved.
            Map<String, String> problems = FieldMessages.of(problem);
            return ApplyStep.showing(problems.keySet()).map(this::redirect)
                    .orElseGet(() -> show(agent, draft, ApplyStep.REVIEW, problems, model));
        }
        session.removeAttribute(DRAFT);
        return "redirect:/my/applications/" + application.id() + "?submitted";
    }

    /**
     * Saves a step's answers in the draft (also for "back": what was typed is kept), then for "next" checks the
     * whole draft and shows the step again with its own fields' problems, or goes on to the next step.
     */
    private String answer(Actor.EmployerAgent agent, ApplyStep step, UnaryOperator<ApplyDraft> answering, String go,
            HttpSession session, Model model) {
        ApplyDraft previous = draft(session);
        if (previous == null) {
            return "redirect:" + PortalPaths.MY_APPLY;
        }
        ApplyDraft draft = answering.apply(previous);
        session.setAttribute(DRAFT, draft);
        if (BACK.equals(go)) {
            return draft.previous(step).map(this::redirect).orElse("redirect:" + PortalPaths.MY);
        }
        Map<String, String> problems = problems(agent, draft);
        ApplyStep reachable = reachable(draft, problems, step);
        if (reachable != step) {
            return redirect(reachable);
        }
        Map<String, String> errors = step.errors(problems);
        if (!errors.isEmpty()) {
            return show(agent, draft, step, errors, model);
        }
        ApplyDraft confirmed = draft.confirmed(step);
        session.setAttribute(DRAFT, confirmed);
        return redirect(confirmed.next(step));
    }

    /**
     * {@code wanted} if every step before it is complete, else the first incomplete one. A step the draft skips
     * (no window, no address) leads on to the review.
     */
    private static ApplyStep reachable(ApplyDraft draft, Map<String, String> problems, ApplyStep wanted) {
        ApplyStep target = draft.steps().contains(wanted) ? wanted : ApplyStep.REVIEW;
        return draft.steps().stream().filter(s -> s.compareTo(target) < 0)
                .filter(s -> !draft.done().contains(s) || !s.errors(problems).isEmpty()).findFirst().orElse(target);
    }

    /** The draft's problems, field → text key: the service's checks of the whole form, nothing stored. */
    private Map<String, String> problems(Actor.EmployerAgent agent, ApplyDraft draft) {
        Optional<EmployerView> employer = own(agent, draft.employer().employerId());
        if (employer.isEmpty()) {
            return Map.of("employerId", "my.apply.error.employerId");
        }
        try {
            applications.checkForm(draft.toForm(employer.get()));
            return Map.of();
        } catch (Refusal problem) {
            return FieldMessages.of(problem);
        }
    }

    private String show(Actor.EmployerAgent agent, ApplyDraft draft, ApplyStep step, Map<String, String> errors,
            Model model) {
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        model.addAttribute("firstError", errors.keySet().stream().findFirst().orElse(null));
        model.addAttribute("wizard", ApplyStepIndicator.of(draft, step));
        switch (step) {
            case EMPLOYER -> employerChoices(agent, draft, model);
            case MATERIALS -> materials(agent, draft, model);
            case CHANNEL -> model.addAttribute("routes", CHANNELS.stream().map(RouteGroup::of).toList());
            case WINDOW_OR_ADDRESS -> {
                List<Choice> windows = new ArrayList<>(List.of(Choice.keyed("", "my.apply.window.none")));
                directory.windows().forEach(w -> windows.add(Choice.literal(w.id(), w.name())));
                model.addAttribute("windows", windows);
                model.addAttribute("needsWindow", draft.channelChoice().filter(c -> c == Channel.WINDOW).isPresent());
                model.addAttribute("needsAddress", draft.deliveryChoice().filter(d -> d == Delivery.MAIL).isPresent());
            }
            case REVIEW -> review(agent, draft, model);
        }
        return "portal/my/apply-" + step.slug();
    }

    private void employerChoices(Actor.EmployerAgent agent, ApplyDraft draft, Model model) {
        model.addAttribute("employers", mine(agent).stream()
                .map(e -> Choice.literal(e.id().toString(), e.name() + " (" + e.uscc().value() + ")")).toList());
        List<Choice> kinds = new ArrayList<>(List.of(Choice.keyed(ApplicationKind.NEW.name(), "fees.kind.NEW"),
                Choice.keyed(ApplicationKind.ADDITIONAL.name(), "fees.kind.ADDITIONAL")));
        if (draft.replacesSerial() != null) {
            kinds.add(Choice.keyed(ApplicationKind.REISSUE.name(), "fees.kind.REISSUE"));
        }
        model.addAttribute("kinds", kinds);
        List<Choice> categories = new ArrayList<>();
        // An employer whose kind the register does not know yet: the agent chooses, nothing is chosen for them.
        if (Arrays.stream(EmployerType.values()).noneMatch(t -> t.name().equals(draft.employer().category()))) {
            categories.add(Choice.keyed("", "my.apply.choose"));
        }
        Arrays.stream(EmployerType.values()).forEach(t -> categories.add(Choice.keyed(t.name(),
                "employerType." + t.name())));
        model.addAttribute("categories", categories);
    }

    /**
     * The papers known so far: the mailing-address form depends on the delivery, chosen in the next step, so
     * until then the page says when it is added and the review shows the final list.
     */
    private void materials(Actor.EmployerAgent agent, ApplyDraft draft, Model model) {
        SubmitApplication form = draft.toForm(own(agent, draft.employer().employerId()).orElseThrow());
        Delivery known = draft.done().contains(ApplyStep.CHANNEL) ? form.delivery() : null;
        model.addAttribute("form", form);
        model.addAttribute("deliveryKnown", known != null);
        model.addAttribute("materials", MaterialsChecklist.required(form.category(), form.legalRepInPerson(), known));
    }

    private void review(Actor.EmployerAgent agent, ApplyDraft draft, Model model) {
        SubmitApplication form = draft.toForm(own(agent, draft.employer().employerId()).orElseThrow());
        model.addAttribute("form", form);
        model.addAttribute("window", form.windowId() == null ? null : directory.window(form.windowId()).orElse(null));
        model.addAttribute("materials", MaterialsChecklist.required(form.category(), form.legalRepInPerson(),
                form.delivery()));
        // What it will cost, before the agent commits to it: a second certificate is the employer's to pay (R-FEE).
        Quote quote = quotes.quote(form.kind(), form.uscc());
        model.addAttribute("employerPays", quote.total(Payer.EMPLOYER).toString());
        model.addAttribute("bureauPays", quote.total(Payer.BUREAU).toString());
        model.addAttribute("agreementVersion", org.orgcert.server.application.ServiceAgreement.VERSION);
        // Another new certificate of this employer still under way: warned, and asked to confirm (issue 14).
        model.addAttribute("pendingNew", form.kind() == ApplicationKind.NEW
                ? applications.pendingNew(form.uscc()).orElse(null) : null);
    }

    private String redirect(ApplyStep step) {
        return "redirect:" + step.path();
    }

    /** The session's draft; one from before the wizard (no step 1 answers) counts as none. */
    private static ApplyDraft draft(HttpSession session) {
        ApplyDraft draft = (ApplyDraft) session.getAttribute(DRAFT);
        return draft == null || draft.employer() == null || draft.place() == null ? null : draft;
    }

    private List<EmployerView> mine(Actor.EmployerAgent agent) {
        return agent.employerIds().stream().flatMap(id -> employers.find(id).stream())
                .sorted(Comparator.comparing(EmployerView::name)).toList();
    }

    /** The employer if the agent acts for it; an id from elsewhere is refused like a wrong choice. */
    private Optional<EmployerView> own(Actor.EmployerAgent agent, String id) {
        return mine(agent).stream().filter(e -> e.id().toString().equals(id)).findFirst();
    }

    /**
     * An option of a select: its text is either a message key (said in the reader's language) or literal (a
     * name from the register or the directory).
     */
    record Choice(String value, String textKey, String text) {
        static Choice keyed(String value, String textKey) {
            return new Choice(value, textKey, null);
        }

        static Choice literal(String value, String text) {
            return new Choice(value, null, text);
        }
    }

    /**
     * A channel with the deliveries R-CH allows for it: the channel step offers only these pairs.
     *
     * @param routes each delivery with its radio value ({@code CHANNEL:DELIVERY})
     */
    record RouteGroup(Channel channel, List<Route> routes) {
        static RouteGroup of(Channel channel) {
            return new RouteGroup(channel, channel.deliveries().stream()
                    .map(d -> new Route(ApplyDraft.route(channel.name(), d.name()), d)).toList());
        }
    }

    /** One pair of the R-CH table as a radio button. */
    record Route(String value, Delivery delivery) {
    }
}
