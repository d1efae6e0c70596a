package trainwell.optimizers.djl;

import java.util.OptionalDouble;
import trainwell.core.Args;

/**
 * Settings shared by a group of parameters, like one entry of PyTorch's {@code param_groups}.
 *
 * <p>{@code weightDecay} is either the group's own value or empty, meaning "use the optimizer's
 * weight decay". {@code lrMultiplier} scales the optimizer's learning rate for this group only.
 *
 * @param name a label for tables and error messages, e.g. "decay" or "no_decay"
 * @param weightDecay the group's weight decay, or empty to inherit the optimizer's
 * @param lrMultiplier the factor applied to the scheduled learning rate (1 = unchanged)
 */
public record ParameterGroup(String name, OptionalDouble weightDecay, double lrMultiplier) {

    /** Checks the settings. */
    public ParameterGroup {
        Args.notNull("name", name);
        Args.check(!name.isBlank(), "name", "must not be blank", "'" + name + "'");
        Args.notNull("weightDecay", weightDecay);
        weightDecay.ifPresent(wd -> Args.nonNegative("weightDecay", wd));
        Args.nonNegative("lrMultiplier", lrMultiplier);
    }

    /** A group that inherits the optimizer's weight decay and learning rate. */
    public static ParameterGroup named(String name) {
        return new ParameterGroup(name, OptionalDouble.empty(), 1.0);
    }

    /** The group "decay": the optimizer's weight decay and learning rate. */
    public static ParameterGroup decay() {
        return named("decay");
    }

    /** The group "no_decay": weight decay 0, the optimizer's learning rate. */
    public static ParameterGroup noDecay() {
        return named("no_decay").withWeightDecay(0);
    }

    /** This group with its own weight decay. */
    public ParameterGroup withWeightDecay(double value) {
        return new ParameterGroup(name, OptionalDouble.of(Args.nonNegative("weightDecay", value)), lrMultiplier);
    }

    /** This group with its learning rate scaled by {@code factor}. */
    public ParameterGroup withLrMultiplier(double factor) {
        return new ParameterGroup(name, weightDecay, Args.nonNegative("lrMultiplier", factor));
    }

    /** The weight decay this group uses when the optimizer's own is {@code optimizerDefault}. */
    public double weightDecayOr(double optimizerDefault) {
        return weightDecay.orElse(optimizerDefault);
    }
}
