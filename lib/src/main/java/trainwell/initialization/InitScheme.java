package trainwell.initialization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trainwell.core.Args;

/**
 * An initialization scheme: a rule that picks an {@link Init} for each parameter from its
 * {@link ParameterRole} and where it sits (stack and depth). Apply it to a built model by name with
 * {@link #apply(Block, int, int)}.
 *
 * <p>All schemes set biases and LayerNorm biases to 0 and LayerNorm gains to 1. Fused projections
 * (qkv, kv) are drawn slice by slice with each slice's own fans, so fused and separate projections get
 * the same distribution.
 *
 * @param name a short label for tables and plots
 * @param rule picks the distribution of one (part of a) parameter
 */
public record InitScheme(String name, Rule rule) {

    /** Picks the distribution of one parameter part. */
    @FunctionalInterface
    public interface Rule {
        /** The distribution for a parameter (part) with this role at this site. */
        Init initFor(ParameterRole role, Site site);
    }

    /**
     * Where a parameter sits.
     *
     * @param stack         encoder, decoder or neither
     * @param encoderLayers encoder layers of the whole model (0 if none)
     * @param decoderLayers decoder layers of the whole model (0 if none)
     */
    public record Site(Stack stack, int encoderLayers, int decoderLayers) {
        /** Layers in this parameter's own stack (the larger of the two for parameters outside both). */
        public int layersInStack() {
            return switch (stack) {
                case ENCODER -> encoderLayers;
                case DECODER -> decoderLayers;
                case NONE -> Math.max(encoderLayers, decoderLayers);
            };
        }
    }

    /** Validates the fields. */
    public InitScheme {
        Args.notNull("name", name);
        Args.notNull("rule", rule);
    }

    /** Xavier/Glorot uniform on every matrix (the Annotated Transformer's choice). */
    public static InitScheme xavierUniform() {
        return matrices("xavier-uniform", Init.xavierUniform(1));
    }

    /** Xavier/Glorot normal on every matrix. */
    public static InitScheme xavierNormal() {
        return matrices("xavier-normal", Init.xavierNormal(1));
    }

    /** Kaiming/He normal (fan_in, gain sqrt 2) on every matrix. */
    public static InitScheme kaimingNormal() {
        return matrices("kaiming-normal", Init.kaimingNormal(Math.sqrt(2)));
    }

    /** Kaiming/He uniform (fan_in, gain sqrt 2) on every matrix. */
    public static InitScheme kaimingUniform() {
        return matrices("kaiming-uniform", Init.kaimingUniform(Math.sqrt(2)));
    }

    /** N(0, std^2) on every matrix, e.g. normal(0.02) as in BERT and GPT. */
    public static InitScheme normal(double std) {
        return matrices("normal(" + std + ")", Init.normal(std));
    }

    /** A truncated normal (cut at +-2 sigma) whose actual std is {@code std} on every matrix; see {@link Init#truncatedNormal(double)}. */
    public static InitScheme truncatedNormal(double std) {
        return matrices("truncated-normal(" + std + ")", Init.truncatedNormal(std));
    }

    /**
     * GPT-2: N(0, 0.02^2) everywhere, and the projections that write into the residual stream (attention
     * output, FFN out) get std 0.02 / sqrt(2 L), L = layers in their stack, because each of the 2L residual
     * branches adds variance to the stream (Radford et al. 2019; nanoGPT's c_proj init). A decoder layer of
     * an encoder-decoder has three residual branches (cross-attention too); the formula keeps 2L there as well.
     */
    public static InitScheme gpt2() {
        return new InitScheme("gpt2", (role, site) -> {
            if (!role.isMatrix()) {
                return vectorInit(role);
            }
            if (role.writesResidual()) {
                return Init.normal(0.02 / Math.sqrt(2.0 * Math.max(1, site.layersInStack())));
            }
            return Init.normal(0.02);
        });
    }

    /**
     * DeepNorm (Wang et al. 2022): Xavier normal with gain beta on value, attention output and FFN
     * projections, gain 1 on queries, keys, embeddings and the head; beta from {@link DeepNorm#of}. Use with
     * the DEEP_NORM residual (x * alpha + f(x), then LayerNorm).
     */
    public static InitScheme deepNorm() {
        return new InitScheme("deepnorm", (role, site) -> {
            if (!role.isMatrix()) {
                return vectorInit(role);
            }
            boolean scaled = role == ParameterRole.VALUE || role.writesResidual() || role == ParameterRole.FFN_IN;
            if (scaled && site.stack() != Stack.NONE) {
                return Init.xavierNormal(DeepNorm.of(site.stack(), site.encoderLayers(), site.decoderLayers()).beta());
            }
            return Init.xavierNormal(1);
        });
    }

    /** One distribution for every matrix; zeros for biases, ones/zeros for LayerNorm. */
    public static InitScheme matrices(String name, Init matrixInit) {
        Args.notNull("matrixInit", matrixInit);
        return new InitScheme(name, (role, site) -> role.isMatrix() ? matrixInit : vectorInit(role));
    }

    /** This scheme with one role's distribution replaced, e.g. {@code gpt2().with(EMBEDDING, Init.normal(1))}. */
    public InitScheme with(ParameterRole role, Init init) {
        Args.notNull("role", role);
        Args.notNull("init", init);
        Rule base = rule;
        return new InitScheme(name + "+" + role.name().toLowerCase(), (r, site) -> r == role ? init : base.initFor(r, site));
    }

    /**
     * This scheme adjusted for the maximal update parametrization (muP; Yang et al. 2022, "Tensor Programs V",
     * arXiv 2203.03466) of a model {@code widthMult} times as wide as its base model, following microsoft/mup:
     * <ul>
     *   <li>queries ({@link ParameterRole#QUERY}, the query third of a fused QKV) start at zero
     *   (examples/Transformer/model.py, _reset_parameters), and so does an untied output layer
     *   ({@link ParameterRole#OUTPUT}; mup/layer.py, MuReadout with readout_zero_init);
     *   <li>the other hidden matrices (keys, values, attention output, both FFN layers) must have a variance that
     *   falls like 1/fan_in. A distribution whose spread does not depend on the shape ({@link Init#normal},
     *   {@link Init#uniform}, a zero-mean {@link Init#truncatedNormal}, and so GPT-2's normal(0.02)) is narrowed by
     *   1/sqrt(widthMult), as mup/init.py's drop-in normal_, uniform_ and trunc_normal_ do (constant_std_init_:
     *   "scale=width_mult**-0.5" for matrices with two width dimensions); Xavier and Kaiming already scale with the
     *   fans and are kept (mup/init.py's xavier and kaiming adjustments leave such a matrix unchanged when both of
     *   its dimensions grow by the same factor);
     *   <li>embeddings, biases and LayerNorm parameters keep their distribution (vector-like in mup's terms).
     * </ul>
     * At widthMult 1 only the zero queries and output layer differ from this scheme.
     *
     * @param widthMult the model's width divided by its base width, > 0
     */
    public InitScheme forMup(double widthMult) {
        Args.positive("widthMult", widthMult);
        Rule base = rule;
        double narrow = 1 / Math.sqrt(widthMult);
        return new InitScheme(name + "+muP", (role, site) -> switch (role) {
            case QUERY, OUTPUT -> Init.zeros();
            case KEY, VALUE, ATTENTION_OUTPUT, FFN_IN, FFN_OUT -> narrowed(base.initFor(role, site), narrow);
            default -> base.initFor(role, site);
        });
    }

    /** {@code init} with its spread times {@code factor} when the spread does not depend on the shape. */
    private static Init narrowed(Init init, double factor) {
        if (init instanceof Init.Normal n) {
            return Init.normal(n.std() * factor);
        }
        if (init instanceof Init.Uniform u) {
            return Init.uniform(u.bound() * factor);
        }
        if (init instanceof Init.TruncatedNormal t && t.mean() == 0) {
            return Init.truncatedNormal(0, t.sigma() * factor, t.a() * factor, t.b() * factor);
        }
        return init; // Xavier, Kaiming (fan-scaled already), constants
    }

    /** The distribution for a parameter by dotted name (fused projections get a stacked Init). */
    public Init initFor(String parameterName, int encoderLayers, int decoderLayers) {
        Site site = new Site(Stack.of(parameterName), encoderLayers, decoderLayers);
        List<ParameterRole> parts = ParameterRole.partsOf(parameterName);
        if (parts.size() == 1) {
            return rule.initFor(parts.get(0), site);
        }
        List<Init> inits = new ArrayList<>();
        for (ParameterRole part : parts) {
            inits.add(rule.initFor(part, site));
        }
        return Init.stacked(inits);
    }

    /** The distribution each parameter of the model would get, by dotted name (for display). */
    public Map<String, Init> plan(Block model, int encoderLayers, int decoderLayers) {
        Map<String, Init> plan = new LinkedHashMap<>();
        ParameterNames.of(model).keySet().forEach(n -> plan.put(n, initFor(n, encoderLayers, decoderLayers)));
        return plan;
    }

    /**
     * Draws new values for every parameter of the model. Initialized parameters are overwritten in place;
     * uninitialized ones get the Init as their initializer, used when DJL initializes them.
     */
    public void apply(Block model, int encoderLayers, int decoderLayers) {
        for (Map.Entry<String, Parameter> e : ParameterNames.of(model).entrySet()) {
            Init init = initFor(e.getKey(), encoderLayers, decoderLayers);
            Parameter p = e.getValue();
            if (!p.isInitialized()) {
                p.setInitializer(init);
                continue;
            }
            NDArray target = p.getArray();
            try (NDManager scratch = target.getManager().newSubManager()) {
                NDArray fresh = init.initialize(scratch, target.getShape(), target.getDataType());
                target.set(fresh.toByteBuffer());
            }
        }
    }

    private static Init vectorInit(ParameterRole role) {
        return role == ParameterRole.NORM_GAIN ? Init.ones() : Init.zeros();
    }

    @Override
    public String toString() {
        return name;
    }
}
