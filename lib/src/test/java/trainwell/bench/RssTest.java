package trainwell.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RssTest {

    @Test
    void theJvmIsResidentAndThePeakIsAtLeastTheCurrentSize() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "Linux only");
        double now = Rss.currentMb();
        assertTrue(now > 10, "a JVM holds more than 10 MB: " + now);
        assertTrue(Rss.peakMb() >= now, "peak " + Rss.peakMb() + " < current " + now);
    }
}
