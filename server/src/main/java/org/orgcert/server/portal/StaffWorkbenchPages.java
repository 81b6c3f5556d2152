package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.ProductionStep;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.orgcert.server.delivery.PickupNotices;
import org.orgcert.server.review.ReviewService;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.CommonRefusal;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.domain.RefusalKind;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.workbench.Workbench;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff workbench: the signed-in role's queues ({@link Workbench}), a queue's list, one application with
 * the steps this role may take, and those steps as plain form posts (CSRF token included by Thymeleaf).
 * Every step goes through the capability's own service and access rules; a refusal is the portal's error
 * page in the reader's language (403 for another window's clerk), a refused tick of the papers is said next
 * to their list, and nothing is half-saved, because each service call is one transaction.
 */
@Controller
class StaffWorkbenchPages {
    private static final int LIST_LIMIT = 200;

    private final Workbench workbench;
    private final ApplicationService applications;
    private final ReviewService review;
    private final ProductionStep production;
    private final PickupNotices notices;
    private final RefusalTexts refusals;
    private final PlaceNames places;
    private final PhoneCall phoneCall;

    StaffWorkbenchPages(Workbench workbench, ApplicationService applications, ReviewService review,
            ProductionStep production, PickupNotices notices, RefusalTexts refusals, PlaceNames places,
            PhoneCall phoneCall) {
        this.workbench = workbench;
        this.applications = applications;
        this.review = review;
        this.production = production;
        this.notices = notices;
        this.refusals = refusals;
        this.places = places;
        this.phoneCall = phoneCall;
    }

    /** One queue on the workbench, with the page it opens (null: none). */
    record QueueView(String name, long count, long overdue, String rule, String href) {
    }

    /** An application in a list, with its submission time in Beijing time. */
    /**
     * A line of a queue.
     *
     * @param pickup the window's dates (phone between day 5 and 15, collect by day 45) for a key waiting at a
     *               window (R-CH-5..7), else null
     */
    record Row(Application application, String submitted, PickupDeadlines pickup) {
        static Row of(Application application) {
            boolean atWindow = application.state() == ApplicationState.AT_WINDOW
                    || application.state() == ApplicationState.NOTIFIED;
            return new Row(application, beijing(application.submittedAt()), atWindow
                    ? new PickupDeadlines(ShanghaiTime.dateOf(application.submittedAt())) : null);
        }
    }

    /** {@code yyyy-MM-dd HH:mm} in Beijing time, how the bureau reads times. */
    static String beijing(java.time.Instant instant) {
        return instant == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(instant.atZone(ShanghaiTime.ZONE));
    }

    @GetMapping("/staff")
    String home(Actor actor, Model model) {
        model.addAttribute("queues", workbench.queues(actor).stream().map(q -> new QueueView(q.name(), q.count(),
                q.overdue(), q.rule(), StaffQueues.href(q.name()))).toList());
        model.addAttribute("actor", actor);
        return "portal/staff/home";
    }

    @GetMapping("/staff/queues/{state}")
    String list(@PathVariable ApplicationState state, Actor actor, Model model) {
        requireStaff(actor);
        model.addAttribute("state", state);
        model.addAttribute("listTitle", StaffQueues.listName(state,
                workbench.queues(actor).stream().map(org.orgcert.server.workbench.Queue::name).toList())
                .map(name -> "staff.queue." + name).orElse("staff.state." + state.name()));
        model.addAttribute("applications", applications.queue(actor, state, null, LIST_LIMIT).stream().map(Row::of).toList());
        model.addAttribute("batch", state == ApplicationState.SUBMITTED && actor.hasRole(StaffRole.WINDOW_CLERK));
        model.addAttribute("pickup", state == ApplicationState.AT_WINDOW || state == ApplicationState.NOTIFIED);
        return "portal/staff/list";
    }

    @PostMapping("/staff/batches")
    String forward(@RequestParam(name = "ids", required = false) List<UUID> ids,
            @RequestParam(required = false) String reason, Actor actor, Locale locale, RedirectAttributes redirect) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("error", "staff.forward.none");
            return "redirect:/staff/queues/SUBMITTED";
        }
        try {
            applications.forward(actor, ids, reason);
        } catch (Refusal refused) {
            // Papers missing without a reason, or one no longer waiting: said above the list, nothing forwarded.
            if (refused.kind() == RefusalKind.FORBIDDEN || refused.kind() == RefusalKind.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute("refusal", refusals.text(refused, locale));
            return "redirect:/staff/queues/SUBMITTED";
        }
        redirect.addFlashAttribute("done", "staff.forward.done");
        redirect.addFlashAttribute("doneCount", ids.size());
        return "redirect:/staff/queues/SUBMITTED";
    }

    @GetMapping("/staff/applications/{id}")
    String application(@PathVariable UUID id, Actor actor, Model model, HttpServletResponse response) {
        requireStaff(actor);
        Application application = applications.get(id, actor);
        model.addAttribute("app", application);
        model.addAttribute("submitted", beijing(application.submittedAt()));
        java.util.Set<ApplicationEvent> steps = applications.eventsFor(application, actor);
        model.addAttribute("events", steps.stream()
                // Steps with their own form (ship: the waybill; production: the produce button; reject: the reason).
                .filter(e -> e != ApplicationEvent.SHIP && e != ApplicationEvent.START_PRODUCTION
                        && e != ApplicationEvent.COMPLETE_PRODUCTION && e != ApplicationEvent.REJECT)
                .toList());
        model.addAttribute("canReject", steps.contains(ApplicationEvent.REJECT));
        model.addAttribute("canShip", steps.contains(ApplicationEvent.SHIP));
        model.addAttribute("canProduce", (steps.contains(ApplicationEvent.START_PRODUCTION)
                || steps.contains(ApplicationEvent.COMPLETE_PRODUCTION)) && application.form().kind().producesToken());
        model.addAttribute("canTick", actor.hasRole(StaffRole.WINDOW_CLERK, StaffRole.CA_CLERK, StaffRole.CA_REVIEWER)
                && !application.missingMaterials().isEmpty() && applications.materialsOpen(application));
        model.addAttribute("canCheck", actor.hasRole(StaffRole.CA_REVIEWER)
                && application.state() == ApplicationState.UNDER_REVIEW);
        model.addAttribute("review", review.latest(id).orElse(null));
        model.addAttribute("places", places.now());
        model.addAttribute("phone", phoneCall.whom(application, steps, actor).orElse(null));
        response.setHeader("Cache-Control", "no-store");
        return "portal/staff/application";
    }

    @PostMapping("/staff/applications/{id}/events/{event}")
    String event(@PathVariable UUID id, @PathVariable ApplicationEvent event,
            @RequestParam(required = false) String reason, Actor actor, RedirectAttributes redirect) {
        if (event == ApplicationEvent.REJECT && (reason == null || reason.isBlank())) {
            // An employer told only "rejected" cannot put it right: the reason goes with the step, into its
            // audit record (R-REV-1..3). Refused next to the field, nothing moved.
            redirect.addFlashAttribute("reasonError", "staff.reject.reasonRequired");
            return "redirect:/staff/applications/" + id + "#reject";
        }
        if (event == ApplicationEvent.CONFIRM_BY_PHONE || event == ApplicationEvent.DECLINE_BY_PHONE) {
            // The employer's answer on the phone also updates the registry record, or declines (R-REV-3): review's
            // use case, which applies the event through the same decision.
            review.phoneConfirmation(id, event == ApplicationEvent.CONFIRM_BY_PHONE, actor);
        } else {
            applications.apply(id, event, actor, reason == null || reason.isBlank() ? null : reason.strip());
        }
        redirect.addFlashAttribute("done", "staff.event.done");
        return "redirect:/staff/applications/" + id;
    }

    /**
     * The papers ticked on the page, recorded together or not at all ({@link ApplicationService#tick}): a
     * refused paper is explained next to the list, in the reader's language. Not seeing the application at all
     * (another window's clerk) is the 403 page, as for every other step.
     */
    @PostMapping("/staff/applications/{id}/materials")
    String tick(@PathVariable UUID id, @RequestParam(name = "item", required = false) List<MaterialItem> items,
            Actor actor, Locale locale, RedirectAttributes redirect) {
        try {
            applications.tick(id, items, actor);
        } catch (Refusal refused) {
            if (refused.kind() == RefusalKind.FORBIDDEN || refused.kind() == RefusalKind.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute("materialsError", refusals.text(refused, locale));
            return "redirect:/staff/applications/" + id + "#materials";
        }
        redirect.addFlashAttribute("done", "staff.materials.done");
        return "redirect:/staff/applications/" + id;
    }

    @PostMapping("/staff/applications/{id}/review/check")
    String check(@PathVariable UUID id, Actor actor, RedirectAttributes redirect) {
        applications.get(id, actor);
        requireRole(actor, StaffRole.CA_REVIEWER);
        review.check(id, actor);
        redirect.addFlashAttribute("done", "staff.review.done");
        return "redirect:/staff/applications/" + id;
    }

    /** Produces the key; the initial PIN is on this response only (not stored, not on any later page, R-CERT-2). */
    @PostMapping("/staff/applications/{id}/produce")
    String produce(@PathVariable UUID id, Actor actor, Model model, HttpServletResponse response) {
        ProductionStep.Produced produced = production.produce(id, actor);
        String pin = produced.initialPinForSlip();
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("app", produced.application());
        model.addAttribute("certificateSerial", produced.result().certificate().serialHex());
        model.addAttribute("tokenSerial", produced.result().tokenSerial());
        model.addAttribute("pin", pin);
        return "portal/staff/produced";
    }

    @PostMapping("/staff/applications/{id}/ship")
    String ship(@PathVariable UUID id, @RequestParam(defaultValue = "") String waybill, Actor actor,
            RedirectAttributes redirect) {
        applications.get(id, actor);
        requireRole(actor, StaffRole.CA_OPERATOR);
        String normal = waybill.strip().toUpperCase(Locale.ROOT);
        // The same format the service checks, so that the message can sit next to the field in the reader's language.
        if (!normal.matches("[A-Z]{2}\\d{9}[A-Z]{2}|\\d{13}")) {
            redirect.addFlashAttribute("waybillError", "staff.ship.invalid");
            redirect.addFlashAttribute("waybill", waybill);
            return "redirect:/staff/applications/" + id + "#ship";
        }
        applications.ship(id, normal, actor);
        redirect.addFlashAttribute("done", "staff.event.done");
        return "redirect:/staff/applications/" + id;
    }

    private static void requireStaff(Actor actor) {
        if (!(actor instanceof Actor.Staff)) {
            throw PortalRefusal.STAFF_ONLY.refuse("the workbench is for staff");
        }
    }

    private static void requireRole(Actor actor, StaffRole... roles) {
        actor.require("this step", roles);
    }
}
