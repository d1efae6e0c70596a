package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ShowTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Show.console(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Show.console(System.out);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void outsideAKernelTheFrontendIsTheConsole() {
        assertEquals(Frontend.CONSOLE, Frontend.current());
    }

    @Test
    void htmlIsPrintedAsPlainTextOutsideAKernel() {
        Show.html("<p>loss &lt; 1</p>");
        assertEquals("loss < 1", printed());
    }

    @Test
    void markdownIsPrintedAsIsOutsideAKernel() {
        Show.markdown("# Title");
        assertEquals("# Title", printed());
    }

    @Test
    void imagesAreDescribedOutsideAKernel() {
        Show.image(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB));
        assertEquals("[image 30x20]", printed());
    }

    @Test
    void chartsAreRenderedToAnImageOfTheChartSize() {
        var chart = new XYChartBuilder().width(320).height(200).build();
        chart.addSeries("y", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        Show.chart(chart);
        assertEquals("[image 320x200]", printed());
    }

    @Test
    void tablesArePrintedAsTextOutsideAKernel() {
        Show.table(Table.create("t", DoubleColumn.create("lr", 0.1, 0.01)));
        String s = printed();
        assertTrue(s.contains("lr") && s.contains("0.01"), s);
    }

    @Test
    void nullArgumentsAreNamed() {
        var e = assertThrows(NullPointerException.class, () -> Show.html(null));
        assertEquals("html", e.getMessage());
    }
}
