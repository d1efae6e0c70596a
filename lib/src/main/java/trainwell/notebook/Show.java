package trainwell.notebook;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/** Shows text, HTML, Markdown, images, tables and charts inline, the same way on every Java kernel. */
public final class Show {

    private static PrintStream console = System.out;

    private Show() {}

    /** Plain text (a line of output in every front end). */
    public static void text(Object value) {
        console().println(value);
    }

    /** An HTML fragment; outside a kernel its tags are stripped and the text is printed. */
    public static void html(String html) {
        Objects.requireNonNull(html, "html");
        Frontend f = Frontend.current();
        if (f.isKernel()) {
            f.displayAs("text/html", html);
        } else {
            console().println(Html.toPlainText(html));
        }
    }

    /** Markdown (rendered as HTML, so that every front end shows it the same); printed as is outside a kernel. */
    public static void markdown(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        Frontend f = Frontend.current();
        if (f.isKernel()) {
            f.displayAs("text/html", Markdown.toHtml(markdown));
        } else {
            console().println(markdown);
        }
    }

    /**
     * Markdown written from the run's own numbers: {@code template} is formatted with {@code values}
     * ({@link String#format}, the ROOT locale), e.g. {@code Show.markdown("The best rate was %.2g.", best)}.
     * A number that the prose quotes comes from here or from a printed output, never typed by hand.
     */
    public static void markdown(String template, Object... values) {
        Objects.requireNonNull(template, "template");
        markdown(String.format(java.util.Locale.ROOT, template, values));
    }

    /** An image as PNG; outside a kernel, a one-line description. */
    public static void image(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        Frontend f = Frontend.current();
        if (f.isKernel()) {
            f.displayImage(image);
        } else {
            console().println("[image " + image.getWidth() + "x" + image.getHeight() + "]");
        }
    }

    /** An XChart chart as a PNG image. */
    public static void chart(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        image(BitmapEncoder.getBufferedImage(chart));
    }

    /** A Tablesaw table as an HTML table (at most {@value Html#DEFAULT_MAX_ROWS} rows); as text outside a kernel. */
    public static void table(Table table) {
        table(table, Html.DEFAULT_MAX_ROWS);
    }

    /** A Tablesaw table as an HTML table showing at most {@code maxRows} rows; as text outside a kernel. */
    public static void table(Table table, int maxRows) {
        Objects.requireNonNull(table, "table");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        Frontend f = Frontend.current();
        if (f.isKernel()) {
            f.displayAs("text/html", Html.table(table, maxRows));
        } else {
            console().println(table.printAll().lines().limit(maxRows + 3L)
                    .reduce((a, b) -> a + System.lineSeparator() + b).orElse(""));
        }
    }

    static PrintStream console() {
        return console;
    }

    /** Redirects console output (tests capture it). */
    static void console(PrintStream out) {
        console = Objects.requireNonNull(out);
    }
}
