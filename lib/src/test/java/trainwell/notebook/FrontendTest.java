package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import trainwell.notebook.Frontend.Candidate;
import trainwell.notebook.fake.FakeDisplay;
import trainwell.notebook.fake.FakeGlobal;
import trainwell.notebook.fake.FakeNotebookKernel;

/** Each kernel API shape, bound by class name to a fake with the same static methods. */
class FrontendTest {

    private static final List<Candidate> FAKES = List.of(
            Candidate.mimeFirst(Frontend.RAPAIO, "trainwell.notebook.fake.NoSuchGlobal"),
            Candidate.notebookKernel(Frontend.JJAVA, FakeNotebookKernel.class.getName()),
            Candidate.valueFirst(Frontend.IJAVA, FakeDisplay.class.getName()));

    @BeforeEach
    @AfterEach
    void clean() {
        FakeNotebookKernel.running = null;
        FakeDisplay.CALLS.clear();
        FakeGlobal.CALLS.clear();
        Frontend.reset();
    }

    @Test
    void theKnownKernelsAreAbsentInUnitTests() {
        assertEquals(Frontend.CONSOLE, Frontend.detect(Frontend.KNOWN));
        assertEquals(4, Frontend.KNOWN.size());
    }

    @Test
    void aNotebookKernelClassWithoutARunningKernelIsNotAKernel() {
        // JJava's jar on a plain program's classpath: notebookKernel() throws, so the next candidate is tried.
        assertEquals(Frontend.IJAVA, Frontend.detect(FAKES));
        assertEquals(Frontend.CONSOLE, Frontend.detect(FAKES.subList(0, 2)));
    }

    @Test
    void theRunningNotebookKernelIsDetectedFirst() {
        FakeNotebookKernel.running = new FakeNotebookKernel();
        assertEquals(Frontend.JJAVA, Frontend.detect(FAKES));
        assertEquals(Frontend.JJAVA, Frontend.current());
        assertEquals("jjava", Frontend.current().name().toLowerCase());
    }

    @Test
    void notebookKernelImagesAreSentAsPng() throws Exception {
        FakeNotebookKernel k = FakeNotebookKernel.running = new FakeNotebookKernel();
        Frontend.detect(FAKES);
        var chart = new XYChartBuilder().width(320).height(200).build();
        chart.addSeries("y", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        Show.chart(chart);
        assertEquals(1, k.shown.size());
        var data = k.shown.get(0);
        assertNotNull(data.id);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode((String) data.bundle.get("image/png"))));
        assertEquals(320, png.getWidth());
        assertEquals(200, png.getHeight());
        assertEquals("PNG image, 320x200", data.bundle.get("text/plain"));
    }

    @Test
    void notebookKernelTablesAreSentAsHtml() {
        FakeNotebookKernel k = FakeNotebookKernel.running = new FakeNotebookKernel();
        Frontend.detect(FAKES);
        Show.table(Table.create("t", DoubleColumn.create("lr", 0.1, 0.01)));
        Show.markdown("**bold**");
        assertEquals(2, k.shown.size());
        String html = (String) k.shown.get(0).bundle.get("text/html");
        assertTrue(html.contains("<table") && html.contains("0.01"), html);
        assertTrue(((String) k.shown.get(1).bundle.get("text/html")).contains("<strong>bold</strong>"));
        assertTrue(k.shown.get(1).bundle.containsKey("text/plain"));
    }

    @Test
    void notebookKernelProgressUpdatesTheSameDisplay() {
        FakeNotebookKernel k = FakeNotebookKernel.running = new FakeNotebookKernel();
        Frontend.detect(FAKES);
        Progress p = Progress.start("step 0");
        p.update("step 1"); // throttled
        p.done("done <3");
        assertEquals(1, k.shown.size());
        assertEquals(1, k.updated.size());
        assertEquals(k.shown.get(0).id, k.updated.get(0).id);
        assertEquals("<pre style=\"margin:0\">done &lt;3</pre>", k.updated.get(0).bundle.get("text/html"));
        assertEquals("done <3", k.updated.get(0).bundle.get("text/plain"));
    }

    @Test
    void displayClassKernelsGetTheValueThenTheMimeType() {
        Frontend.detect(FAKES);
        Show.html("<b>x</b>");
        Show.image(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB));
        Progress p = Progress.start("a");
        p.done("b");
        assertEquals(List.of(
                "display(<b>x</b>, text/html)",
                "display(image 30x20)",
                "display(<pre style=\"margin:0\">a</pre>, text/html)",
                "updateDisplay(id3, <pre style=\"margin:0\">b</pre>, text/html)"), FakeDisplay.CALLS);
    }

    @Test
    void rapaioGetsTheMimeTypeFirst() {
        assertEquals(Frontend.RAPAIO, Frontend.detect(List.of(
                Candidate.mimeFirst(Frontend.RAPAIO, FakeGlobal.class.getName()))));
        Show.html("<i>y</i>");
        Show.image(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        Progress.start("a").done("b");
        assertEquals(List.of(
                "display(text/html, <i>y</i>)",
                "display(image 3x2)",
                "display(text/html, <pre style=\"margin:0\">a</pre>)",
                "updateDisplay(g1, text/html, <pre style=\"margin:0\">b</pre>)"), FakeGlobal.CALLS);
    }

    @Test
    void aClassWithOtherMethodsIsNotBound() {
        assertEquals(Frontend.CONSOLE, Frontend.detect(List.of(
                Candidate.valueFirst(Frontend.IJAVA, FakeGlobal.class.getName()),
                Candidate.notebookKernel(Frontend.JJAVA, FakeDisplay.class.getName()))));
    }
}
