package trainwell.plots;

import java.awt.Color;
import trainwell.core.Args;

/**
 * The viridis colour map: dark blue (low) through green to yellow (high). It is perceptually uniform
 * and readable with colour blindness and in greyscale print (van der Walt and Smith, matplotlib, 2015).
 */
public final class ColorMap {

    /** Viridis sampled at nine equally spaced points; colours in between are interpolated linearly. */
    private static final int[][] ANCHORS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
        {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {253, 231, 37}};

    private ColorMap() {}

    /** The colour of {@code t} in [0, 1] (clamped; NaN gives light grey, the colour of a missing value). */
    public static Color viridis(double t) {
        if (Double.isNaN(t)) {
            return new Color(230, 230, 230);
        }
        double u = Math.min(1, Math.max(0, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) Math.floor(u), ANCHORS.length - 2);
        double f = u - i;
        int[] a = ANCHORS[i];
        int[] b = ANCHORS[i + 1];
        return new Color(mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    /** A colour blended with white; {@code amount} 0 keeps it, 1 gives white. */
    public static Color lighten(Color c, double amount) {
        Args.inRange("amount", amount, 0, 1);
        return new Color(mix(c.getRed(), 255, amount), mix(c.getGreen(), 255, amount),
                mix(c.getBlue(), 255, amount));
    }

    /** Relative luminance in [0, 1] (sRGB weights), used to pick dark or light text on a cell. */
    public static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
