package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTest {

    private static Table sample(int rows) {
        int[] steps = new int[rows];
        double[] loss = new double[rows];
        String[] names = new String[rows];
        for (int i = 0; i < rows; i++) {
            steps[i] = i;
            loss[i] = 1.0 / (i + 3);
            names[i] = i % 2 == 0 ? "Adam" : "<SGD>";
        }
        return Table.create("runs & results", IntColumn.create("step", steps),
                DoubleColumn.create("loss", loss), StringColumn.create("optimizer", names));
    }

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
                Html.escape("<a href=\"x\">Tom & Jerry's</a>"));
    }

    @Test
    void tableHasCaptionHeaderAndEscapedCells() {
        String html = Html.table(sample(2), 10);
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<caption>runs &amp; results</caption>"), html);
        assertTrue(html.contains("<th>step</th><th>loss</th><th>optimizer</th>"), html);
        assertTrue(html.contains("<td>&lt;SGD&gt;</td>"), html);
        assertFalse(html.contains("<SGD>"), html);
    }

    @Test
    void tableRightAlignsNumbersAndRoundsToFourSignificantDigits() {
        String html = Html.table(sample(1), 10);
        assertTrue(html.contains("<td style=\"text-align:right\">0.3333</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">0</td>"), html);
    }

    @Test
    void tableSaysHowManyRowsWereLeftOut() {
        String html = Html.table(sample(30), 5);
        assertEquals(5, html.split("<tr>", -1).length - 2, "one header row plus five body rows");
        assertTrue(html.contains("25 more rows of 30 not shown"), html);
    }

    @Test
    void tableRejectsANonPositiveRowLimit() {
        var e = assertThrows(IllegalArgumentException.class, () -> Html.table(sample(1), 0));
        assertTrue(e.getMessage().contains("maxRows") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void aListOfNumbersIsPrintedAsEachNumberIs() {
        assertEquals("[1.724, 0.8913, 3, 6.987e-04]", Html.numbers(1.7237971579300215, 0.89126, 3.0, 6.987e-4));
        assertEquals("[]", Html.numbers());
        var e = assertThrows(IllegalArgumentException.class, () -> Html.numbers((double[]) null));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }

    @Test
    void numbersKeepIntegersAndUseScientificNotationForTinyValues() {
        assertEquals("42", Html.number(42.0));
        assertEquals("6.987e-04", Html.number(6.987e-4));
        assertEquals("1.5", Html.number(1.5));
        assertEquals("NaN", Html.number(Double.NaN));
    }

    @Test
    void plainTextDropsTagsAndDecodesEntities() {
        assertEquals("a < b\nnext", Html.toPlainText("<p>a &lt; b</p><b>next</b>"));
    }
}
