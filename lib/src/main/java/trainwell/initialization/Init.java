package trainwell.initialization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import trainwell.core.Args;

/**
 * One distribution to draw a parameter from, usable as a DJL {@link Initializer}.
 *
 * <p>Fans follow PyTorch ({@code torch.nn.init._calculate_fan_in_and_fan_out}) and DJL's Linear layout
 * (out, in): fan_in = shape[1] x (product of the remaining axes), fan_out = shape[0] x (the same product);
 * a vector has fan_in = fan_out = its length. Random draws use the engine's generator, so
 * {@code Engine.getInstance().setRandomSeed(s)} makes them reproducible.
 */
public sealed interface Init extends Initializer {

    /** The standard deviation this distribution is meant to have for a tensor of the given shape. */
    double targetStd(Shape shape);

    /** Every entry equal to {@code value} (zero init, ones for LayerNorm gains, a constant). */
    static Init constant(double value) {
        return new Constant(Args.finite("value", value));
    }

    /** All zeros (biases, LayerNorm biases). */
    static Init zeros() {
        return constant(0);
    }

    /** All ones (LayerNorm gains). */
    static Init ones() {
        return constant(1);
    }

    /** N(0, std^2), e.g. GPT-2's normal(0.02). */
    static Init normal(double std) {
        return new Normal(Args.nonNegative("std", std));
    }

    /** U(-bound, bound). */
    static Init uniform(double bound) {
        return new Uniform(Args.nonNegative("bound", bound));
    }

    /**
     * A normal cut at +-2 of its own sigma whose ACTUAL standard deviation is {@code std}: sigma is
     * std / 0.8796, because cutting N(0, sigma^2) at +-2 sigma leaves a std of 0.8796 sigma. (DJL's
     * TruncatedNormal(0.02) also cuts at 2 sigma but keeps sigma = 0.02, so its std is 0.0176.)
     */
    static Init truncatedNormal(double std) {
        double sigma = Args.nonNegative("std", std) / TruncatedNormal.STD_FACTOR_AT_TWO_SIGMA;
        return new TruncatedNormal(0, sigma, -2 * sigma, 2 * sigma);
    }

    /**
     * PyTorch's {@code trunc_normal_(mean, std, a, b)}: N(mean, std^2) restricted to [a, b], where a and b
     * are ABSOLUTE values, not multiples of std. With PyTorch's defaults a = -2, b = 2 and std = 0.02 the
     * cut sits at 100 sigma, so nothing is cut and the std stays 0.02.
     */
    static Init truncatedNormal(double mean, double std, double a, double b) {
        Args.finite("mean", mean);
        Args.nonNegative("std", std);
        Args.check(a < b, "a", "must be < b (" + b + ")", a);
        return new TruncatedNormal(mean, std, a, b);
    }

    /** Glorot and Bengio 2010, uniform: U(-g sqrt(6/(fan_in+fan_out)), +...), Var = g^2 * 2/(fan_in+fan_out). */
    static Init xavierUniform(double gain) {
        return new XavierUniform(Args.positive("gain", gain));
    }

    /** Glorot and Bengio 2010, normal: N(0, g^2 * 2/(fan_in+fan_out)). */
    static Init xavierNormal(double gain) {
        return new XavierNormal(Args.positive("gain", gain));
    }

    /** He et al. 2015, normal, fan_in mode: N(0, g^2/fan_in); g = sqrt(2) suits ReLU. */
    static Init kaimingNormal(double gain) {
        return new KaimingNormal(Args.positive("gain", gain));
    }

    /** He et al. 2015, uniform, fan_in mode: U(-g sqrt(3/fan_in), +...), Var = g^2/fan_in. */
    static Init kaimingUniform(double gain) {
        return new KaimingUniform(Args.positive("gain", gain));
    }

    /**
     * Equal slices along axis 0, each drawn from its own distribution with its own fans: a fused QKV
     * weight (3d, d) becomes three (d, d) blocks, so fused and separate projections get the same values.
     */
    static Init stacked(List<Init> parts) {
        Args.check(parts != null && !parts.isEmpty(), "parts", "must hold at least one Init", parts);
        return new Stacked(List.copyOf(parts));
    }

    /** fan_in of a tensor shape, as PyTorch computes it. */
    static long fanIn(Shape shape) {
        return shape.dimension() < 2 ? shape.get(0) : shape.get(1) * receptive(shape);
    }

    /** fan_out of a tensor shape, as PyTorch computes it. */
    static long fanOut(Shape shape) {
        return shape.dimension() < 2 ? shape.get(0) : shape.get(0) * receptive(shape);
    }

    private static long receptive(Shape shape) {
        long r = 1;
        for (int i = 2; i < shape.dimension(); i++) {
            r *= shape.get(i);
        }
        return r;
    }

    /** Every entry the same value. */
    record Constant(double value) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.full(shape, (float) value, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return 0;
        }
    }

    /** Zero-mean normal with the given std. */
    record Normal(double std) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.randomNormal(0f, (float) std, shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return std;
        }
    }

    /** Symmetric uniform on [-bound, bound]. */
    record Uniform(double bound) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.randomUniform((float) -bound, (float) bound, shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return bound / Math.sqrt(3);
        }
    }

    /** N(mean, sigma^2) restricted to [a, b] (absolute bounds), drawn by inverting the normal CDF as PyTorch does. */
    record TruncatedNormal(double mean, double sigma, double a, double b) implements Init {

        /** std of N(0,1) cut at +-2: sqrt(1 - 4 phi(2) / (Phi(2) - Phi(-2))). */
        static final double STD_FACTOR_AT_TWO_SIGMA = Math.sqrt(1 - 4 * NormalMath.pdf(2) / (NormalMath.cdf(2) - NormalMath.cdf(-2)));

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            if (sigma == 0) {
                return manager.full(shape, (float) mean, dataType);
            }
            double lo = NormalMath.cdf((a - mean) / sigma);
            double hi = NormalMath.cdf((b - mean) / sigma);
            // x = mean + sigma * sqrt(2) * erfinv(2u - 1) with u uniform on [Phi(alpha), Phi(beta)].
            try (NDManager scratch = manager.newSubManager()) {
                NDArray u = scratch.randomUniform((float) (2 * lo - 1), (float) (2 * hi - 1), shape, DataType.FLOAT32);
                NDArray x = u.erfinv().muli(sigma * Math.sqrt(2)).addi(mean).clip(a, b).toType(dataType, false);
                x.attach(manager);
                return x;
            }
        }

        @Override
        public double targetStd(Shape shape) {
            double alpha = (a - mean) / sigma;
            double beta = (b - mean) / sigma;
            double z = NormalMath.cdf(beta) - NormalMath.cdf(alpha);
            double pa = NormalMath.pdf(alpha);
            double pb = NormalMath.pdf(beta);
            double ta = Double.isInfinite(alpha) ? 0 : alpha * pa;
            double tb = Double.isInfinite(beta) ? 0 : beta * pb;
            double m = (pa - pb) / z;
            return sigma * Math.sqrt(1 + (ta - tb) / z - m * m);
        }
    }

    /** Glorot uniform. */
    record XavierUniform(double gain) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            double bound = Math.sqrt(3) * targetStd(shape);
            return manager.randomUniform((float) -bound, (float) bound, shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape)));
        }
    }

    /** Glorot normal. */
    record XavierNormal(double gain) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.randomNormal(0f, (float) targetStd(shape), shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape)));
        }
    }

    /** He normal, fan_in mode. */
    record KaimingNormal(double gain) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.randomNormal(0f, (float) targetStd(shape), shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return gain / Math.sqrt(fanIn(shape));
        }
    }

    /** He uniform, fan_in mode. */
    record KaimingUniform(double gain) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            double bound = Math.sqrt(3) * targetStd(shape);
            return manager.randomUniform((float) -bound, (float) bound, shape, dataType);
        }

        @Override
        public double targetStd(Shape shape) {
            return gain / Math.sqrt(fanIn(shape));
        }
    }

    /** Equal slices along axis 0, each with its own distribution. */
    record Stacked(List<Init> parts) implements Init {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            Shape slice = sliceShape(shape);
            try (NDManager scratch = manager.newSubManager()) {
                NDList pieces = new NDList();
                for (Init part : parts) {
                    pieces.add(part.initialize(scratch, slice, dataType));
                }
                NDArray all = NDArrays.concat(pieces, 0);
                all.attach(manager);
                return all;
            }
        }

        /** The root-mean-square of the parts' stds, i.e. the std of the whole tensor when all means are 0. */
        @Override
        public double targetStd(Shape shape) {
            Shape slice = sliceShape(shape);
            double sumVar = 0;
            for (Init part : parts) {
                double s = part.targetStd(slice);
                sumVar += s * s;
            }
            return Math.sqrt(sumVar / parts.size());
        }

        /** The shape of one slice. */
        public Shape sliceShape(Shape shape) {
            long rows = shape.get(0);
            Args.check(rows % parts.size() == 0, "shape", "axis 0 must divide into " + parts.size() + " parts", shape);
            long[] dims = shape.getShape().clone();
            dims[0] = rows / parts.size();
            return new Shape(dims);
        }
    }
}
