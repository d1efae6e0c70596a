package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Show.console(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Show.console(System.out);
    }

    @Test
    void outsideAKernelOnlyTheFinalLineIsPrinted() {
        Progress p = Progress.start("step 0");
        for (int i = 1; i <= 100; i++) {
            p.update("step " + i);
        }
        p.done("finished after 100 steps");
        assertEquals("finished after 100 steps", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void updatesAfterDoneAreIgnored() {
        Progress p = Progress.start("a");
        p.done("b");
        p.update("c");
        p.done("d");
        assertEquals("b", p.text());
        assertEquals("b", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theLatestTextIsKeptEvenWhenThrottled() {
        Progress p = Progress.start("a");
        p.update("b");
        p.update("c");
        assertEquals("c", p.text());
    }
}
