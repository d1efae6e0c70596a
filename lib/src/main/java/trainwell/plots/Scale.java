package trainwell.plots;

import java.util.ArrayList;
import java.util.List;
import trainwell.core.Args;

/** A mapping of values in [lo, hi] to [0, 1], linear or logarithmic, with readable tick values. */
record Scale(double lo, double hi, boolean log) {

    Scale {
        Args.finite("lo", lo);
        Args.finite("hi", hi);
        Args.check(hi >= lo, "hi", "must be >= lo (" + lo + ")", hi);
        if (log) {
            Args.positive("lo of a logarithmic scale", lo);
        }
    }

    /** The position of {@code v} in [0, 1] (not clamped; NaN stays NaN). */
    double position(double v) {
        if (hi == lo) {
            return 0.5;
        }
        return log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
    }

    /** The value at position {@code t} in [0, 1]. */
    double value(double t) {
        return log ? lo * Math.pow(hi / lo, t) : lo + t * (hi - lo);
    }

    /** Tick values inside [lo, hi]: 1-2-5 steps on a linear scale, powers of ten (or 1-2-5 per decade) on a log one. */
    List<Double> ticks(int target) {
        List<Double> out = new ArrayList<>();
        if (hi == lo) {
            out.add(lo);
            return out;
        }
        if (log) {
            int d0 = (int) Math.floor(Math.log10(lo));
            int d1 = (int) Math.ceil(Math.log10(hi));
            double[] mantissas = d1 - d0 <= 2 ? new double[] {1, 2, 5} : new double[] {1};
            int every = Math.max(1, (int) Math.ceil((d1 - d0) / (double) target));
            for (int d = d0; d <= d1; d += every) {
                for (double m : mantissas) {
                    double v = m * Math.pow(10, d);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        out.add(v);
                    }
                }
            }
            if (out.size() < 3) { // a range of about one decade: evenly spaced round numbers read better
                return new Scale(lo, hi, false).ticks(target);
            }
            return out;
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
