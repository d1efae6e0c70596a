package trainwell.optimizers;

import java.util.Optional;
import java.util.Random;
import trainwell.core.Args;

/** The classic 2-D test surfaces for optimizers, with analytic gradients. */
public final class Surfaces {

    private Surfaces() {}

    /** The ill-conditioned quadratic 0.1 x^2 + 2 y^2 (condition number 20) of the optimizer lessons. */
    public static Quadratic illConditioned() {
        return quadratic(0.1, 2);
    }

    /** The quadratic a x^2 + b y^2 with a, b > 0; its curvatures are 2a and 2b. */
    public static Quadratic quadratic(double a, double b) {
        return new Quadratic(a, b);
    }

    /**
     * A quadratic bowl with curvatures {@code small} and {@code large} along axes turned by {@code angle}
     * radians, minimum 0 at the origin. Only its values and gradients are visible (no curvature accessors), so
     * a stability limit on it has to be found by experiment: gradient descent is stable below 2 / large.
     */
    public static Surface rotatedQuadratic(double small, double large, double angle) {
        Args.positive("small", small);
        Args.check(Double.isFinite(large) && large >= small, "large", "must be finite and >= small (" + small + ")", large);
        Args.finite("angle", angle);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Surface() {
            @Override
            public String name() {
                return "a turned quadratic bowl";
            }

            @Override
            public double value(double x, double y) {
                double u = c * x + s * y;
                double v = -s * x + c * y;
                return (small * u * u + large * v * v) / 2;
            }

            @Override
            public double[] gradient(double x, double y) {
                double u = c * x + s * y;
                double v = -s * x + c * y;
                double gu = small * u;
                double gv = large * v;
                return new double[] {c * gu - s * gv, s * gu + c * gv};
            }

            @Override
            public Box box() {
                return new Box(-3, 3, -3, 3);
            }

            @Override
            public Point start() {
                return new Point(-2, 1.5);
            }

            @Override
            public Optional<Point> minimum() {
                return Optional.of(new Point(0, 0));
            }
        };
    }

    /** The quadratic a x^2 + b y^2 whose gradients carry seeded Gaussian noise of standard deviation {@code noise}. */
    public static NoisyQuadratic noisyQuadratic(double a, double b, double noise, long seed) {
        return new NoisyQuadratic(quadratic(a, b), noise, seed);
    }

    /** Rosenbrock's banana valley (1 - x)^2 + 100 (y - x^2)^2, minimum at (1, 1). */
    public static Rosenbrock rosenbrock() {
        return new Rosenbrock(1, 100);
    }

    /** Beale's function, minimum 0 at (3, 0.5), with flat plateaus and steep walls. */
    public static Beale beale() {
        return new Beale();
    }

    /** The saddle x^2 - y^2: a stationary point at the origin that is not a minimum. */
    public static Saddle saddle() {
        return new Saddle();
    }

    /** The quadratic a x^2 + b y^2, minimum 0 at the origin. */
    public record Quadratic(double a, double b) implements Surface {

        /** Checks a > 0 and b > 0. */
        public Quadratic {
            Args.positive("a", a);
            Args.positive("b", b);
        }

        /** The largest curvature L = 2 max(a, b) (the largest eigenvalue of the Hessian). */
        public double largestCurvature() {
            return 2 * Math.max(a, b);
        }

        /** The smallest curvature 2 min(a, b). */
        public double smallestCurvature() {
            return 2 * Math.min(a, b);
        }

        /** The condition number, largest over smallest curvature. */
        public double conditionNumber() {
            return largestCurvature() / smallestCurvature();
        }

        /** 2 / L: gradient descent converges for a learning rate below this and diverges above it. */
        public double stableStepLimit() {
            return 2 / largestCurvature();
        }

        @Override
        public String name() {
            return "quadratic " + a + " x^2 + " + b + " y^2";
        }

        @Override
        public double value(double x, double y) {
            return a * x * x + b * y * y;
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[] {2 * a * x, 2 * b * y};
        }

        @Override
        public Box box() {
            // Half-widths where each axis alone reaches 1.2 times the start's loss, so the start lies inside.
            double level = 1.2 * value(start());
            double hx = Math.sqrt(level / a);
            double hy = Math.sqrt(level / b);
            return new Box(-hx, hx, -hy, hy);
        }

        @Override
        public Point start() {
            // Far out along the flat axis and off-axis on the steep one, so both directions show.
            return new Point(-Math.sqrt(6.4 / a), Math.sqrt(8 / b));
        }

        @Override
        public Optional<Point> minimum() {
            return Optional.of(new Point(0, 0));
        }
    }

    /** A quadratic whose gradients carry seeded Gaussian noise, a stand-in for mini-batch gradients. */
    public record NoisyQuadratic(Quadratic quadratic, double noise, long seed) implements Surface {

        /** Checks the quadratic is given and the noise is a finite number >= 0. */
        public NoisyQuadratic {
            Args.notNull("quadratic", quadratic);
            Args.nonNegative("noise", noise);
        }

        /**
         * The expected loss at which SGD with constant rate {@code lr} settles: per axis with curvature h = 2c,
         * x' = (1 - lr h) x - lr noise, whose stationary variance lr^2 noise^2 / (1 - (1 - lr h)^2) gives
         * c Var = lr noise^2 / (4 (1 - lr c)).
         */
        public double noiseFloor(double lr) {
            Args.check(lr > 0 && lr < quadratic.stableStepLimit(), "lr",
                    "must be in (0, " + quadratic.stableStepLimit() + ")", lr);
            double n2 = noise * noise;
            return lr * n2 / (4 * (1 - lr * quadratic.a())) + lr * n2 / (4 * (1 - lr * quadratic.b()));
        }

        @Override
        public String name() {
            return quadratic.name() + " (noise " + noise + ")";
        }

        @Override
        public double value(double x, double y) {
            return quadratic.value(x, y);
        }

        @Override
        public double[] gradient(double x, double y) {
            return quadratic.gradient(x, y);
        }

        @Override
        public GradientSource gradientSource() {
            Random random = new Random(seed);
            return (x, y) -> {
                double[] g = quadratic.gradient(x, y);
                g[0] += noise * random.nextGaussian();
                g[1] += noise * random.nextGaussian();
                return g;
            };
        }

        @Override
        public Box box() {
            return quadratic.box();
        }

        @Override
        public Point start() {
            return quadratic.start();
        }

        @Override
        public Optional<Point> minimum() {
            return quadratic.minimum();
        }
    }

    /** Rosenbrock's function (a - x)^2 + b (y - x^2)^2, minimum 0 at (a, a^2). */
    public record Rosenbrock(double a, double b) implements Surface {

        /** Checks a finite and b > 0. */
        public Rosenbrock {
            Args.finite("a", a);
            Args.positive("b", b);
        }

        @Override
        public String name() {
            return "Rosenbrock";
        }

        @Override
        public double value(double x, double y) {
            double valley = y - x * x;
            return (a - x) * (a - x) + b * valley * valley;
        }

        @Override
        public double[] gradient(double x, double y) {
            double valley = y - x * x;
            return new double[] {-2 * (a - x) - 4 * b * x * valley, 2 * b * valley};
        }

        @Override
        public Box box() {
            return new Box(-2 + a - 1, 2 + a - 1, -1 + a * a - 1, 3 + a * a - 1);
        }

        @Override
        public Point start() {
            return new Point(a - 2.5, a * a);
        }

        @Override
        public Optional<Point> minimum() {
            return Optional.of(new Point(a, a * a));
        }
    }

    /** Beale's function (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2, minimum 0 at (3, 0.5). */
    public record Beale() implements Surface {

        @Override
        public String name() {
            return "Beale";
        }

        @Override
        public double value(double x, double y) {
            double t1 = 1.5 - x + x * y;
            double t2 = 2.25 - x + x * y * y;
            double t3 = 2.625 - x + x * y * y * y;
            return t1 * t1 + t2 * t2 + t3 * t3;
        }

        @Override
        public double[] gradient(double x, double y) {
            double t1 = 1.5 - x + x * y;
            double t2 = 2.25 - x + x * y * y;
            double t3 = 2.625 - x + x * y * y * y;
            double dx = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1);
            double dy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y;
            return new double[] {dx, dy};
        }

        @Override
        public Box box() {
            return new Box(-4.5, 4.5, -4.5, 4.5);
        }

        @Override
        public Point start() {
            return new Point(1, 1.5);
        }

        @Override
        public Optional<Point> minimum() {
            return Optional.of(new Point(3, 0.5));
        }
    }

    /** The saddle x^2 - y^2: curved up along x, down along y, unbounded below. */
    public record Saddle() implements Surface {

        @Override
        public String name() {
            return "saddle x^2 - y^2";
        }

        @Override
        public double value(double x, double y) {
            return x * x - y * y;
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[] {2 * x, -2 * y};
        }

        @Override
        public Box box() {
            return new Box(-2, 2, -2, 2);
        }

        @Override
        public Point start() {
            // Almost on the ridge y = 0: gradient descent first heads for the saddle point, then slides off.
            return new Point(-1.5, 1e-3);
        }

        @Override
        public Optional<Point> minimum() {
            return Optional.empty();
        }
    }
}
