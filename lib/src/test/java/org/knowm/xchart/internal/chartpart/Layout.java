package org.knowm.xchart.internal.chartpart;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;

/** Test helper: where XChart laid out a chart's parts (its accessors are package-private). */
public final class Layout {

    private Layout() {}

    /** The legend's box in pixels after the chart is drawn. */
    public static Rectangle2D legend(Chart<?, ?> chart) {
        BufferedImage drawn = BitmapEncoder.getBufferedImage(chart);
        return chart.getLegend().getBounds();
    }

    /** The plot area's box in pixels after the chart is drawn. */
    public static Rectangle2D plot(Chart<?, ?> chart) {
        BitmapEncoder.getBufferedImage(chart);
        return chart.getPlot().getBounds();
    }
}
