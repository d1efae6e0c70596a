package trainwell.optimizers.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import trainwell.core.Args;

/**
 * A DJL {@link Optimizer} with PyTorch's update rules, per-group weight decay and learning rate.
 *
 * <p>Contract with DJL's {@code Trainer} (which calls {@link #update} once per parameter in
 * {@code trainer.step()}):
 * <ul>
 *   <li><b>Step index.</b> The learning-rate source sees the 0-based number of updates this
 *   parameter has had before: 0 for the first {@code step()}, like {@code trainwell.schedules.Schedule}
 *   and PyTorch. (DJL's own optimizers pass 1 for the first update.)
 *   <li><b>Gradients are zeroed here.</b> DJL's PyTorch engine accumulates gradients across
 *   backward passes and its Trainer never clears them; DJL's built-in optimizers zero each
 *   parameter's gradient after updating it, and so does this class. Clip or read gradients
 *   between {@code backward} and {@code step}, not after.
 *   <li><b>Memory.</b> Temporaries live in an {@link NDScope} and are freed before {@code update}
 *   returns. State arrays (momentum, moments) sit on the parameter's device in a sub-manager of the
 *   parameter's manager owned by this optimizer: closing the model frees them, and so does
 *   {@link #close()}. The count of arrays in the model's manager stays constant across steps.
 *   <li><b>Evaluation.</b> Before validating, and at the end of training, call {@link #evalMode}; after
 *   validating, {@link #trainMode}. They do nothing for most optimizers, but schedule-free AdamW evaluates
 *   at other weights than it trains at.
 *   <li><b>Not supported:</b> DJL's {@code optWeightDecays}, {@code optClipGrad} and
 *   {@code setRescaleGrad} (use {@link ParameterGroups} and {@code trainwell.training.clip}).
 * </ul>
 */
public abstract class TorchStyleOptimizer extends Optimizer implements AutoCloseable {

    private final LearningRate learningRate;
    private final double weightDecay;
    private final ParameterGroups groups;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<NDManager, NDManager> stateManagers = new IdentityHashMap<>();
    private final Map<Device, Scalars> scalars = new HashMap<>();
    private volatile boolean evaluating;

    /** Takes the settings every optimizer here shares. */
    protected TorchStyleOptimizer(Setup setup) {
        super(new PlainDjlSettings());
        Args.notNull("setup", setup);
        this.learningRate = setup.learningRate();
        this.weightDecay = setup.weightDecay();
        this.groups = setup.groups();
    }

    /** The parameter groups this optimizer uses. */
    public ParameterGroups groups() {
        return groups;
    }

    /** The weight decay of groups that do not set their own. */
    public double weightDecay() {
        return weightDecay;
    }

    /** The learning rate (before the group's multiplier) at 0-based step {@code step} of a parameter. */
    public double learningRateAt(String parameterId, int step) {
        double lr = learningRate.at(parameterId, step);
        return Args.nonNegative("learning rate at step " + step, lr);
    }

    /**
     * Updates {@code weight} in place from {@code grad}, then zeroes the weight's gradient.
     *
     * @throws IllegalStateException between {@link #evalMode} and {@link #trainMode}
     */
    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        if (evaluating) {
            throw new IllegalStateException("update of " + groups.nameOf(parameterId) + " in evaluation mode: "
                    + "call trainMode(parameters) after evaluating and before training on");
        }
        TorchStyleOptimizer owner = ownerOf(parameterId, weight);
        if (owner != this) {
            owner.update(parameterId, weight, grad);
            return;
        }
        ParameterGroup group = groups.groupOf(parameterId);
        State state = states.computeIfAbsent(parameterId, id -> newStateFor(weight));
        // Our own count (not DJL's updateCount) so that close() really starts afresh.
        int step = state.updates;
        double lr = learningRateAt(parameterId, step) * group.lrMultiplier();
        double wd = group.weightDecayOr(weightDecay);
        try (NDScope ignored = new NDScope()) {
            apply(weight, grad, state.arrays, new Step(step + 1, lr, wd, parameterId));
        }
        state.updates++;
        zeroGradient(weight);
    }

    /**
     * The optimizer that updates this parameter: this one (the default), or another one with its own state,
     * settings and step counts, for an optimizer made of two (Muon hands embeddings, norms and biases to
     * AdamW). Called at every update, so an override should decide once per parameter and remember.
     */
    protected TorchStyleOptimizer ownerOf(String parameterId, NDArray weight) {
        return this;
    }

    /** Number of state arrays per parameter (e.g. 2 for Adam's two moments). */
    protected abstract int stateArraysPerParameter();

    /** Fills a fresh state array before the first update (default: stays zero). */
    protected void initState(int index, NDArray state) {}

    /**
     * One in-place update of {@code weight}, following PyTorch's single-tensor code for this
     * optimizer; called inside an {@link NDScope}, so temporaries need no closing.
     */
    protected abstract void apply(NDArray weight, NDArray grad, NDArray[] state, Step step);

    /**
     * Puts every parameter this optimizer has state for at the point where the model should be evaluated,
     * and refuses updates until {@link #trainMode}. Call it before validation, and at the end of training to
     * keep the trained answer; a training loop can call it for any optimizer here without knowing which.
     * For most optimizers the weights being trained are the answer, so nothing changes; schedule-free AdamW
     * ({@link ScheduleFreeAdamOptimizer}) trains at one point (y) and answers with another (x), like its
     * reference code's {@code optimizer.eval()}. Parameters without state (never updated) are left alone.
     */
    public final synchronized void evalMode(ParameterList parameters) {
        forEachStateful(parameters, this::toEvaluationWeights);
        evaluating = true;
    }

    /**
     * Puts every parameter this optimizer has state for back at the point where training takes its
     * gradients (after {@link #evalMode}), and allows updates again; the reference code's
     * {@code optimizer.train()}. Harmless when the parameters are already there.
     */
    public final synchronized void trainMode(ParameterList parameters) {
        forEachStateful(parameters, this::toTrainingWeights);
        evaluating = false;
    }

    /** True between {@link #evalMode} and {@link #trainMode}. */
    public final boolean inEvalMode() {
        return evaluating;
    }

    /**
     * Overwrites {@code weight} with the weights to evaluate (default: nothing to do, the trained weights are
     * the answer). Called by {@link #evalMode} inside an {@link NDScope}.
     */
    protected void toEvaluationWeights(NDArray weight, NDArray[] state) {}

    /**
     * Overwrites {@code weight} with the weights that training continues from, undoing
     * {@link #toEvaluationWeights} exactly (default: nothing to do). Called by {@link #trainMode} inside an
     * {@link NDScope}.
     */
    protected void toTrainingWeights(NDArray weight, NDArray[] state) {}

    private void forEachStateful(ParameterList parameters, BiConsumer<NDArray, NDArray[]> move) {
        Args.notNull("parameters", parameters);
        for (Pair<String, Parameter> entry : parameters) {
            State state = states.get(entry.getValue().getId());
            if (state != null) {
                try (NDScope ignored = new NDScope()) {
                    move.accept(entry.getValue().getArray(), state.arrays);
                }
            }
        }
    }

    /**
     * How many updates the parameter {@code parameterId} has had from this optimizer (PyTorch's
     * {@code state['step']}); 0 before its first update, or for a parameter another optimizer owns.
     */
    public int updatesOf(String parameterId) {
        State state = states.get(Args.notNull("parameterId", parameterId));
        return state == null ? 0 : state.updates;
    }

    /**
     * The parameter's state array number {@code index} copied to Java (read-only: changing the copy changes
     * nothing), or empty before its first update. For subclasses that expose their state by name, such as
     * {@link AdamOptimizer#secondMoment}; call it from the thread that trains, between steps.
     */
    protected Optional<double[]> stateCopy(String parameterId, int index) {
        State state = states.get(Args.notNull("parameterId", parameterId));
        if (state == null) {
            return Optional.empty();
        }
        Args.check(index >= 0 && index < state.arrays.length, "index",
                "must be in [0, " + state.arrays.length + ")", index);
        float[] values = state.arrays[index].toFloatArray();
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i];
        }
        return Optional.of(copy);
    }

    /** Parameters that have optimizer state so far. */
    public int statefulParameters() {
        return states.size();
    }

    /** Total number of state elements (for tests and memory tables), e.g. 2 x parameters for Adam. */
    public long stateElements() {
        return states.values().stream().flatMap(s -> java.util.Arrays.stream(s.arrays)).mapToLong(NDArray::size).sum();
    }

    /** Frees all optimizer state; the next update starts afresh (as if the optimizer were new). */
    @Override
    public synchronized void close() {
        states.clear();
        evaluating = false;
        scalars.values().forEach(c -> c.manager.close());
        scalars.clear();
        stateManagers.values().forEach(NDManager::close);
        stateManagers.clear();
    }

    private synchronized State newStateFor(NDArray weight) {
        NDManager owner = stateManager(weight);
        NDArray[] state = new NDArray[stateArraysPerParameter()];
        for (int i = 0; i < state.length; i++) {
            state[i] = owner.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            // Not a temporary: an NDScope around trainer.step() must not close it.
            NDScope.unregister(state[i]);
            initState(i, state[i]);
        }
        return new State(state);
    }

    private NDManager stateManager(NDArray weight) {
        return stateManagers.computeIfAbsent(weight.getManager(), m -> m.newSubManager(weight.getDevice()));
    }

    /**
     * The float32 scalar {@code value} as a 0-dimensional array on {@code like}'s device, kept for reuse.
     * DJL turns every number operand ({@code x.muli(0.9f)}) into a new native array, used once and freed:
     * two native calls and an allocation per scalar operand. An update of one parameter has about seven;
     * the constants (betas, eps) and the values of the current step (learning rate, bias corrections) are
     * the same for every parameter, so each is created once and reused. The result is the same to the bit
     * (the op receives the same float32 scalar). The last {@value #CACHED_SCALARS} values are kept, per
     * device, in a manager of this optimizer's own (not the model's: its count of arrays stays constant),
     * freed by {@link #close()}.
     */
    protected synchronized NDArray scalar(NDArray like, double value) {
        Scalars cache = scalars.computeIfAbsent(like.getDevice(), Scalars::new);
        float f = (float) value;
        NDArray cached = cache.values.get(Float.floatToIntBits(f));
        if (cached == null) {
            cached = cache.manager.create(f);
            NDScope.unregister(cached); // not a temporary of the update's scope
            cache.values.put(Float.floatToIntBits(f), cached);
        }
        return cached;
    }

    /** How many scalar operands are kept now, over all devices (for tests). */
    synchronized int cachedScalars() {
        return scalars.values().stream().mapToInt(c -> c.values.size()).sum();
    }

    /** Scalar operands kept on one device, least recently used dropped first. */
    private static final class Scalars {
        final NDManager manager;
        final Map<Integer, NDArray> values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, NDArray> eldest) {
                if (size() > CACHED_SCALARS) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };

        Scalars(Device device) {
            manager = NDManager.newBaseManager(device);
        }
    }

    /** How many scalar operands {@link #scalar} keeps per manager (a step needs about ten). */
    static final int CACHED_SCALARS = 32;

    /** A parameter's state arrays and how many updates it has had. */
    private static final class State {
        final NDArray[] arrays;
        int updates;

        State(NDArray[] arrays) {
            this.arrays = arrays;
        }
    }

    /**
     * PyTorch's {@code self.lerp_(end, w)} = {@code self + w * (end - self)}, in place. (For w >= 0.5
     * PyTorch rounds through another, equal formula, which {@link #lerp} follows; the in-place callers here
     * use small w.)
     */
    protected void lerpInPlace(NDArray self, NDArray end, double w) {
        self.addi(end.sub(self).muli(scalar(self, w)));
    }

    /**
     * PyTorch's out-of-place {@code self.lerp(end, w)} with its rounding: {@code self + w (end - self)} for
     * |w| < 0.5, else {@code end - (end - self) (1 - w)} with {@code 1 - w} taken in float32, as the CPU kernel.
     */
    protected NDArray lerp(NDArray self, NDArray end, double w) {
        if (Math.abs(w) < 0.5) {
            return end.sub(self).muli(scalar(self, w)).addi(self);
        }
        return end.sub(end.sub(self).muli(scalar(self, 1f - (float) w)));
    }

    /** PyTorch's {@code t1 * t2 * value} in addcmul's order: {@code (value * t1) * t2}. */
    protected NDArray scaledProduct(double value, NDArray t1, NDArray t2) {
        return t1.mul(scalar(t1, value)).muli(t2);
    }

    /** PyTorch's {@code value * t1 / t2} in addcdiv's order: {@code (value * t1) / t2}. */
    protected NDArray scaledQuotient(double value, NDArray t1, NDArray t2) {
        return t1.mul(scalar(t1, value)).divi(t2);
    }

    /** PyTorch's {@code grad.add(param, alpha=wd)}: the L2 term folded into the gradient. */
    protected NDArray withL2(NDArray grad, NDArray weight, double weightDecay) {
        return weightDecay == 0 ? grad : grad.add(weight.mul(scalar(weight, weightDecay)));
    }

    /**
     * Sets the gradient of {@code array} to zero in place (NaN included), if it has one; what DJL's
     * built-in optimizers do after each update.
     */
    public static void zeroGradient(NDArray array) {
        if (!array.hasGradient()) {
            return;
        }
        if (array instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt); // one native call (about 1 us) instead of an indexed fill (about 25 us)
            return;
        }
        try (NDScope ignored = new NDScope()) {
            // getGradient() returns a new handle on the same storage; the scope closes the handle.
            // Fill with 0 rather than g - g, which keeps NaN and would poison every later step.
            array.getGradient().set(new NDIndex("..."), 0);
        }
    }

    /**
     * What one update needs besides the arrays.
     *
     * @param count this parameter's update number, from 1 (PyTorch's {@code state['step']})
     * @param lr the learning rate for this parameter (schedule x group multiplier)
     * @param weightDecay the weight decay for this parameter's group
     * @param parameterId the DJL ID of the parameter being updated (for optimizers that record per parameter)
     */
    public record Step(int count, double lr, double weightDecay, String parameterId) {}

    /** Where the learning rate comes from; receives the parameter ID and the 0-based step. */
    @FunctionalInterface
    public interface LearningRate {
        /** The learning rate of the parameter {@code parameterId} at its 0-based update {@code step}. */
        double at(String parameterId, int step);
    }

    /**
     * What every optimizer here shares; its own hyper-parameters come from {@code trainwell.optimizers.OptimizerSpec}.
     *
     * @param learningRate the learning rate per parameter and 0-based step
     * @param weightDecay the weight decay of groups that do not set their own
     * @param groups the parameter groups ({@link ParameterGroups#uniform()} for one group)
     */
    public record Setup(LearningRate learningRate, double weightDecay, ParameterGroups groups) {
        /** Checks the settings. */
        public Setup {
            Args.check(learningRate != null, "learningRate", "must be set (a constant, function or Tracker)",
                    "nothing");
            Args.nonNegative("weightDecay", weightDecay);
            Args.notNull("groups", groups);
        }
    }

    /**
     * The learning rate and groups of one optimizer, e.g.
     * {@code OptimizerSpec.adamW(0.1).djlBuilder().learningRate(schedule::at).groups(ParameterGroups.standard(block)).build()}.
     */
    public static final class Builder {
        private final double weightDecay;
        private final Function<Setup, TorchStyleOptimizer> factory;
        private LearningRate learningRate;
        private ParameterGroups groups = ParameterGroups.uniform();

        /** A builder whose {@link #build()} passes the setup to {@code factory} (a spec's {@code djl} method). */
        public Builder(double weightDecay, Function<Setup, TorchStyleOptimizer> factory) {
            this.weightDecay = Args.nonNegative("weightDecay", weightDecay);
            this.factory = Args.notNull("factory", factory);
        }

        /** A constant learning rate. */
        public Builder learningRate(double lr) {
            Args.nonNegative("lr", lr);
            this.learningRate = (id, step) -> lr;
            return this;
        }

        /**
         * A learning rate per 0-based step, e.g. {@code schedule::at} for a
         * {@code trainwell.schedules.Schedule}.
         */
        public Builder learningRate(IntToDoubleFunction schedule) {
            Args.notNull("schedule", schedule);
            this.learningRate = (id, step) -> schedule.applyAsDouble(step);
            return this;
        }

        /** A DJL tracker as the learning rate; it sees the 0-based step (DJL's own optimizers pass 1-based). */
        public Builder learningRateTracker(ParameterTracker tracker) {
            Args.notNull("tracker", tracker);
            this.learningRate = tracker::getNewValue;
            return this;
        }

        /** The parameter groups, e.g. {@code ParameterGroups.standard(block)} (default: one group). */
        public Builder groups(ParameterGroups value) {
            this.groups = Args.notNull("groups", value);
            return this;
        }

        /** The optimizer. */
        public TorchStyleOptimizer build() {
            return factory.apply(new Setup(learningRate, weightDecay, groups));
        }
    }

    /** DJL's own settings at their neutral values: no rescale, no global decay, no clipping. */
    private static final class PlainDjlSettings extends OptimizerBuilder<PlainDjlSettings> {
        @Override
        protected PlainDjlSettings self() {
            return this;
        }
    }
}
