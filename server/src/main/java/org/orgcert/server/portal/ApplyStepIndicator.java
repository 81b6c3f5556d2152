package org.orgcert.server.portal;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the wizard's shared frame says about where the agent is: "step 2 of 5", the list of the draft's steps
 * (step 4 is left out when neither a window nor an address applies) and where "back" leads.
 *
 * @param items   the draft's steps in order
 * @param current the step shown
 * @param number  its number among the draft's steps, from 1
 * @param total   how many steps the draft has
 * @param back    the page before this one: the previous step, or the agent's home from the first
 */
record ApplyStepIndicator(List<Item> items, ApplyStep current, int number, int total, String back) {

    static ApplyStepIndicator of(ApplyDraft draft, ApplyStep current) {
        List<ApplyStep> steps = draft.steps();
        List<Item> items = IntStream.range(0, steps.size()).mapToObj(i -> new Item(steps.get(i), i + 1,
                draft.done().contains(steps.get(i)), steps.get(i) == current)).toList();
        return new ApplyStepIndicator(items, current, steps.indexOf(current) + 1, steps.size(),
                draft.previous(current).map(ApplyStep::path).orElse(PortalPaths.MY));
    }

    /**
     * One step in the list.
     *
     * @param done    gone on from before: a link back to it
     * @param current the step shown ({@code aria-current="step"})
     */
    record Item(ApplyStep step, int number, boolean done, boolean current) {
    }
}
