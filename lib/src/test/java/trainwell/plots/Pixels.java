package trainwell.plots;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Test helper: finds pixels of a colour in a rendered chart. */
final class Pixels {

    private Pixels() {}

    /** Number of opaque pixels whose red, green and blue each differ from {@code c} by at most {@code tol}. */
    static int count(BufferedImage image, Color c, int tol) {
        int n = 0;
        for (int rgb : argb(image)) {
            if (near(rgb, c, tol)) {
                n++;
            }
        }
        return n;
    }

    /** Mean {x, y} of the pixels of a colour; NaN when there are none. */
    static double[] centroid(BufferedImage image, Color c, int tol) {
        int[] px = argb(image);
        int w = image.getWidth();
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < px.length; i++) {
            if (near(px[i], c, tol)) {
                sx += i % w;
                sy += i / w;
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    private static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static boolean near(int argb, Color c, int tol) {
        return (argb >>> 24) == 255
                && Math.abs(((argb >> 16) & 0xff) - c.getRed()) <= tol
                && Math.abs(((argb >> 8) & 0xff) - c.getGreen()) <= tol
                && Math.abs((argb & 0xff) - c.getBlue()) <= tol;
    }
}
