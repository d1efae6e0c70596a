package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import trainwell.core.Args;
import trainwell.optimizers.MuonScaling;
import trainwell.optimizers.NewtonSchulz;

/**
 * Muon (Keller Jordan 2024; reference code KellerJordan/Muon {@code muon.py}) on DJL arrays for the hidden
 * weight matrices, and an Adam-family optimizer (normally AdamW) for every other parameter.
 *
 * <p>A Muon step on a rows x cols matrix with gradient g and momentum buffer b (one state array, half of
 * Adam's): {@code b = lerp(b, g, 1 - momentum)}; {@code u = lerp(g, b, momentum)} (Nesterov) or {@code b};
 * X = u, transposed if rows > cols, divided by its Frobenius norm + 1e-7; {@code nsSteps} times
 * {@code A = X X^T, B = b A + c A A, X = a X + B X} with {@link NewtonSchulz}'s (a, b, c); transposed back;
 * then {@code p = p (1 - lr wd) - lr f X}, where f is the {@link MuonScaling} factor of the shape. The
 * arithmetic is float32 in PyTorch's operation order (the reference runs the iteration in bfloat16 on a GPU);
 * the tests compare it with a torch script written from the reference's formulas (lib/reference/muon.py).
 * A step costs about 9 native calls per Newton-Schulz step, about 60 per matrix (AdamW: about 12). Measured
 * on the tests' reversal model (11 matrices of 32 to 96 rows, busy 2-core CPU): a training step took a median
 * 18 ms with Muon against 12 ms with AdamW.
 *
 * <p><b>Which parameters use Muon</b> is decided once per parameter by {@link #usesMuon(String, Shape)},
 * from its name (taken from the {@link ParameterGroups}, which must therefore be built from the model) and
 * its shape. The others are updated by the Adam optimizer given to the constructor, through its own
 * {@code update} (its own state and step counts, PyTorch's AdamW rule unchanged).
 *
 * <p><b>Learning rate.</b> Both optimizers read the same learning-rate source and the same parameter groups
 * (lr multipliers, weight decay per group); a group without its own weight decay uses Muon's weight decay
 * for a Muon matrix and the Adam optimizer's for the others. With {@link MuonScaling#MOONLIGHT} the one rate
 * suits both (Liu et al. 2025, arXiv 2502.16982).
 */
public final class MuonOptimizer extends TorchStyleOptimizer {

    /** The value of {@link #assignment} for a parameter that Muon updates. */
    public static final String MUON = "Muon";
    /** The value of {@link #assignment} for a parameter that the Adam optimizer updates. */
    public static final String ADAM = "AdamW";

    private final double momentum;
    private final boolean nesterov;
    private final int nsSteps;
    private final MuonScaling scaling;
    private final TorchStyleOptimizer adam;
    private final Map<String, TorchStyleOptimizer> owners = new ConcurrentHashMap<>();

    /**
     * A Muon optimizer; normally made by {@code OptimizerSpec.muon()}, which holds the defaults, checks the
     * ranges and builds {@code adam} with the same learning rate and groups.
     *
     * @param setup learning rate, Muon's weight decay, and groups built from the model (they name the parameters)
     * @param momentum the buffer's momentum, in [0, 1)
     * @param nesterov orthogonalize {@code lerp(g, b, momentum)} instead of the buffer b
     * @param nsSteps Newton-Schulz steps, > 0
     * @param scaling the size of the orthogonalized update for the matrix's shape
     * @param adam the optimizer of the parameters that are not hidden matrices, with the same groups
     */
    public MuonOptimizer(Setup setup, double momentum, boolean nesterov, int nsSteps, MuonScaling scaling,
            TorchStyleOptimizer adam) {
        super(setup);
        Args.check(!setup.groups().assignment().isEmpty(), "groups",
                "must name the model's parameters (ParameterGroups.standard(model) or ParameterGroups.uniform(model)):"
                        + " Muon tells hidden matrices from embeddings, output layer, norms and biases by name",
                setup.groups());
        Args.notNull("adam", adam);
        Args.check(adam.groups() == setup.groups(), "adam", "must use the same parameter groups as Muon", adam.groups());
        this.momentum = Args.inRangeExclusive("momentum", momentum, 0, 1);
        this.nesterov = nesterov;
        this.nsSteps = Args.positive("nsSteps", nsSteps);
        this.scaling = Args.notNull("scaling", scaling);
        this.adam = adam;
    }

    /**
     * Whether Muon updates the parameter with this name and shape: true for a 2-D weight matrix of a hidden
     * layer, false for everything the reference code gives to AdamW. The name may be DJL's key
     * ({@code 02decoder_01layer0_03ffn_01in_weight}) or a dotted one ({@code decoder.layer0.ffn.in.weight}).
     * False when:
     * <ul>
     *   <li>the shape does not have exactly 2 dimensions (biases, LayerNorm gains: vectors);
     *   <li>{@link ParameterGroups#isExcludedFromDecayByDefault} says so: the last part is a bias, beta or
     *   gamma, or the name contains "norm" or "embed" (token and position embeddings, tied ones included,
     *   since a tied output layer is the token embedding);
     *   <li>a part of the name is {@code head} or {@code lmHead} (ignoring case): the output layer, as
     *   {@code TransformerLM} and {@code TransformerClassifier} name it.
     * </ul>
     * Muon's update treats its parameter as a map between hidden spaces; an embedding is a lookup table
     * (one row per token, most rows without gradient in a step) and the output layer maps to the
     * vocabulary, so the reference leaves both to AdamW, and gains and biases are not matrices at all.
     */
    public static boolean usesMuon(String name, Shape shape) {
        Args.notNull("name", name);
        Args.check(shape != null, "shape", "must be known (initialize the block first)", name);
        if (shape.dimension() != 2 || ParameterGroups.isExcludedFromDecayByDefault(name)) {
            return false;
        }
        return Arrays.stream(name.split("[._]"))
                .map(part -> part.replaceFirst("^\\d+", "").toLowerCase(Locale.ROOT))
                .noneMatch(part -> part.equals("head") || part.equals("lmhead"));
    }

    /**
     * Parameter name -> {@value #MUON} or {@value #ADAM}, in the block's order, by {@link #usesMuon}: the
     * table a lesson prints. The block must be initialized (the rule needs the shapes).
     */
    public static Map<String, String> assignment(Block block) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : Args.notNull("block", block).getParameters()) {
            named.put(entry.getKey(), entry.getValue());
        }
        return assignment(named);
    }

    /**
     * The same table for parameters by name, e.g. {@code model.namedParameters()} of a
     * {@code trainwell.models.TransformerModel} (dotted names such as {@code decoder.layer0.ffn.in.weight}).
     */
    public static Map<String, String> assignment(Map<String, Parameter> parameters) {
        Map<String, String> out = new LinkedHashMap<>();
        Args.notNull("parameters", parameters).forEach(
                (name, p) -> out.put(name, usesMuon(name, p.getShape()) ? MUON : ADAM));
        return Collections.unmodifiableMap(out);
    }

    /** The optimizer of the parameters that are not hidden matrices. */
    public TorchStyleOptimizer fallback() {
        return adam;
    }

    @Override
    protected TorchStyleOptimizer ownerOf(String parameterId, NDArray weight) {
        return owners.computeIfAbsent(parameterId,
                id -> usesMuon(groups().nameOf(id), weight.getShape()) ? this : adam);
    }

    @Override
    protected int stateArraysPerParameter() {
        return 1; // the momentum buffer
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray buffer = state[0];
        lerpInPlace(buffer, grad, 1 - momentum);
        NDArray u = nesterov ? lerp(grad, buffer, momentum) : buffer;
        NDArray x = orthogonalize(u);
        if (step.weightDecay() != 0) {
            weight.muli(scalar(weight, 1 - step.lr() * step.weightDecay()));
        }
        Shape shape = weight.getShape();
        double factor = scaling.factor(shape.get(0), shape.get(1));
        weight.addi(x.muli(scalar(x, -step.lr() * factor)));
    }

    /** The Newton-Schulz iteration of {@link NewtonSchulz#orthogonalize}, in float32 on the array's device. */
    private NDArray orthogonalize(NDArray u) {
        boolean tall = u.getShape().get(0) > u.getShape().get(1);
        NDArray x = tall ? u.transpose() : u;
        x = x.div(x.norm().addi(scalar(x, NewtonSchulz.EPS)));
        NDArray a = scalar(x, NewtonSchulz.A);
        NDArray b = scalar(x, NewtonSchulz.B);
        NDArray c = scalar(x, NewtonSchulz.C);
        for (int i = 0; i < nsSteps; i++) {
            NDArray gram = x.matMul(x.transpose());
            // B = b A + (c A) A, in the order Python evaluates the reference's "b * A + c * A @ A"
            NDArray poly = gram.mul(b).addi(gram.mul(c).matMul(gram));
            x = x.mul(a).addi(poly.matMul(x));
        }
        return tall ? x.transpose() : x;
    }

    /** Parameters with state so far, in Muon and in the Adam optimizer. */
    @Override
    public int statefulParameters() {
        return super.statefulParameters() + adam.statefulParameters();
    }

    /** State elements so far: one buffer per Muon matrix plus the Adam optimizer's moments. */
    @Override
    public long stateElements() {
        return super.stateElements() + adam.stateElements();
    }

    /** Frees the state of both optimizers; the next update starts afresh. */
    @Override
    public synchronized void close() {
        super.close();
        adam.close();
        owners.clear();
    }
}
