package trainwell.training;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import trainwell.core.Args;
import trainwell.initialization.InitScheme;
import trainwell.models.TransformerConfig;
import trainwell.schedules.Schedule;

/**
 * The ingredients in which one recipe (a model configuration and a training configuration) differs from
 * another: the fields that change what is trained. Bookkeeping (seed, evaluation and statistics
 * intervals, progress line, divergence threshold) is not an ingredient, so a copy of a recipe with
 * another seed has no changed ingredient.
 *
 * <pre>{@code
 * List<String> changed = Ingredients.changed(modernModel, modernTraining, myModel, myTraining);
 * // ["training.schedule"] after a shorter warmup; [] for an unchanged recipe
 * }</pre>
 */
public final class Ingredients {

    /** Fields of {@link TrainingConfig} that record or report a run without changing what is trained. */
    public static final Set<String> BOOKKEEPING = Set.of("seed", "evalEvery", "statsEvery", "progress",
            "divergenceFactor");

    /** Two learning rates closer than this (relative) are the same rate. */
    private static final double SAME_RATE = 1e-12;

    private Ingredients() {}

    /**
     * The names of the ingredients ("model.dropout", "training.schedule", ...) in which
     * ({@code model}, {@code training}) differs from ({@code baseModel}, {@code baseTraining}), in field
     * order, model first. Schedules are compared by their rate at every step either configuration runs,
     * initializations by their name; everything else by {@code equals}.
     */
    public static List<String> changed(TransformerConfig baseModel, TrainingConfig baseTraining,
            TransformerConfig model, TrainingConfig training) {
        Args.notNull("baseModel", baseModel);
        Args.notNull("baseTraining", baseTraining);
        Args.notNull("model", model);
        Args.notNull("training", training);
        List<String> changed = new ArrayList<>();
        int steps = Math.max(baseTraining.steps(), training.steps());
        for (RecordComponent c : TransformerConfig.class.getRecordComponents()) {
            if (!same(read(c, baseModel), read(c, model), steps)) {
                changed.add("model." + c.getName());
            }
        }
        for (RecordComponent c : TrainingConfig.class.getRecordComponents()) {
            if (!BOOKKEEPING.contains(c.getName()) && !same(read(c, baseTraining), read(c, training), steps)) {
                changed.add("training." + c.getName());
            }
        }
        return List.copyOf(changed);
    }

    private static boolean same(Object a, Object b, int steps) {
        if (a instanceof Schedule sa && b instanceof Schedule sb) {
            for (int step = 0; step < steps; step++) {
                double x = sa.at(step);
                double y = sb.at(step);
                if (Math.abs(x - y) > SAME_RATE * Math.max(Math.abs(x), Math.abs(y))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof InitScheme ia && b instanceof InitScheme ib) {
            return ia.name().equals(ib.name()); // the rules are lambdas: two equal schemes are distinct objects
        }
        return a.equals(b);
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
